package io.vruksha.retail.cli;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.postgres.PostgresBulkImport;
import io.vruksha.retail.postgres.PostgresUnitOfWork;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stock: {@code sku,quantity} required, {@code location} (default {@code floor}) and {@code
 * reference} optional. By default each row RECEIVES its quantity (a RECEIPT movement, quantity
 * above zero); with {@code --mode set} it is the counted level, and the difference to the ledger is
 * booked as a COUNT. Each movement's reference is the row's {@code reference}, or {@code
 * import:<file hash>:<line>}: a row whose movement is already in the ledger is skipped, so running
 * the same file again books nothing twice.
 */
final class ImportStock extends ImportKinds.Kind<ImportStock.StockRow> {

  /** A row read and validated. */
  record StockRow(StockKey key, BigDecimal quantity, String reference) {}

  /** The decimals the stock ledger holds of a quantity ({@code numeric(19,3)}). */
  private static final int STOCK_SCALE = 3;

  ImportStock() {
    super("stock", List.of("sku", "quantity"), List.of("location", "reference"));
  }

  @Override
  StockRow parse(Map<String, String> f, long line, ImportKinds.Context c) {
    Sku sku = Sku.of(ImportKinds.req(f, "sku"));
    LocationId location =
        Optional.ofNullable(ImportKinds.opt(f, "location"))
            .map(LocationId::of)
            .orElse(LocationId.FLOOR);
    BigDecimal q;
    String text = ImportKinds.req(f, "quantity");
    try {
      q = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "'" + text + "' is not a quantity");
    }
    if (q.stripTrailingZeros().scale() > STOCK_SCALE) {
      // the ledger's numeric(19,3) would round it without a word
      throw new InvalidInputException(
          ErrorCode.ROUNDING_REQUIRED,
          "quantity "
              + text
              + " has "
              + q.stripTrailingZeros().scale()
              + " decimals: stock keeps quantities exactly to "
              + STOCK_SCALE
              + " and never rounds them");
    }
    if (c.setMode ? q.signum() < 0 : q.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          c.setMode
              ? "a counted quantity cannot be negative, was " + text
              : "a received quantity must be above zero, was " + text);
    }
    String reference =
        Optional.ofNullable(ImportKinds.opt(f, "reference"))
            .orElse("import:" + c.fileRef + ":" + line);
    if (reference.length() > 200) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "the reference is too long");
    }
    return new StockRow(new StockKey(c.store.id(), location, sku), q, reference);
  }

  @Override
  String key(StockRow p) {
    return "SKU "
        + p.key().sku()
        + " at "
        + p.key().location()
        + " with reference "
        + p.reference();
  }

  @Override
  PostgresBulkImport.Kind bulk() {
    return PostgresBulkImport.Kind.STOCK;
  }

  @Override
  Object[] staged(StockRow r, ImportKinds.Context c) {
    return new Object[] {
      r.key().location().value(), r.key().sku().value(), r.quantity(), r.reference()
    };
  }

  @Override
  void check(List<ImportKinds.Pending<StockRow>> batch, ImportKinds.Context c) {
    for (ImportKinds.Pending<StockRow> p : batch) {
      Optional<SellableItem> item = c.item(p.parsed.key().sku());
      if (item.isEmpty()) {
        p.reject = ImportKinds.unknownSku(p.parsed.key().sku());
      } else {
        try {
          new Quantity(p.parsed.quantity(), item.get().unit());
        } catch (InvalidInputException e) {
          p.reject = e.getMessage();
        }
      }
    }
    String[] refs =
        batch.stream()
            .filter(p -> p.reject == null)
            .map(p -> p.parsed.reference())
            .distinct()
            .toArray(String[]::new);
    if (refs.length == 0) {
      return;
    }
    String reason = (c.setMode ? MovementReason.COUNT : MovementReason.RECEIPT).name();
    Set<String> booked =
        new HashSet<>(
            c.db
                .jdbi()
                .inTransaction(
                    h -> {
                      PostgresUnitOfWork.setStoreScope(h, Set.of(c.store.id().value()));
                      return h.createQuery(
                              "SELECT location_id || '|' || sku || '|' || reference FROM stock_movements"
                                  + " WHERE store_id = :s AND reason = :r AND reference = ANY(:refs)")
                          .bind("s", c.store.id().value())
                          .bind("r", reason)
                          .bindArray("refs", String.class, (Object[]) refs)
                          .mapTo(String.class)
                          .list();
                    }));
    for (ImportKinds.Pending<StockRow> p : batch) {
      StockKey k = p.parsed.key();
      if (p.reject == null
          && booked.contains(k.location() + "|" + k.sku() + "|" + p.parsed.reference())) {
        p.skip = true;
      }
    }
  }

  @Override
  boolean apply(StockRow r, ImportKinds.Context c) {
    if (c.setMode) {
      BigDecimal variance =
          c.engine
              .stock()
              .count(
                  r.key().store(),
                  r.key().location(),
                  Map.of(r.key().sku(), r.quantity()),
                  r.reference())
              .get(r.key().sku());
      return variance.signum() != 0;
    }
    c.engine.stock().receive(r.key(), r.quantity(), r.reference());
    return true;
  }
}
