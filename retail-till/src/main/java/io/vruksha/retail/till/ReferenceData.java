package io.vruksha.retail.till;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.json.CanonicalJson;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillData;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.till.CentreClient.Download;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls a store's reference data from the centre into the till's engine: asks for {@code till-data}
 * with the version it holds, and when the centre has another one writes what changed — the store
 * record, products, price lists and prices, promotions, the tax jurisdiction — through the engine's
 * own calls (as the command line's import does), in one unit of work, then remembers the version. A
 * record equal to the till's is not written again (no price history row for an unchanged price); a
 * promotion of the store the centre no longer sends is removed.
 *
 * <p>Every SKU it pulls may go below zero on the till: a till cannot know the deliveries and counts
 * the centre books, so its own stock levels are not a reason to refuse a customer at the counter.
 * The centre keeps the store's real stock and reports what a till's sales took below zero there
 * (the {@code oversold} of its answer to the till's documents).
 *
 * <p>Not handed down (the contract's reference data has none of them): coupons, categories, stock
 * levels, staff. A product or price the centre stops sending stays on the till (there is no removal
 * in the catalogue or the price book; the centre retires a product by blocking it, which does reach
 * the till). Thread-safe: pulls are serialised.
 */
public final class ReferenceData {

  private final RetailEngine engine;
  private final StoreId store;
  private final CentreClient centre;
  private volatile Optional<String> version;

  /**
   * A puller of {@code store}'s reference data from {@code centre} into {@code engine}, holding
   * {@code version} already (empty: it holds none yet, the first pull downloads everything).
   */
  public ReferenceData(
      RetailEngine engine, StoreId store, CentreClient centre, Optional<String> version) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.centre = Objects.requireNonNull(centre, "centre");
    this.version = Objects.requireNonNull(version, "version");
  }

  /**
   * What a pull wrote.
   *
   * @param version the version the till holds now
   * @param downloaded false when the centre answered "not modified"
   * @param written records written: the store, products, price lists, prices, promotions and the
   *     tax jurisdiction that differed from the till's
   * @param promotionsRemoved promotions of the store the centre no longer runs
   */
  public record Pulled(String version, boolean downloaded, int written, int promotionsRemoved) {}

  /** The version the till holds, if any. */
  public Optional<String> version() {
    return version;
  }

  /**
   * Fetches the reference data unless the till holds the centre's version, and writes what changed.
   *
   * @throws CentreUnreachableException when the centre does not answer (nothing changes)
   * @throws CentreRefusedException when it refuses, or its data does not hash to its version
   */
  public synchronized Pulled pull() {
    Optional<Download> download = centre.tillData(store, version);
    if (download.isEmpty()) {
      return new Pulled(
          version.orElseThrow(
              () ->
                  new CentreRefusedException(
                      304,
                      "http.304",
                      "not modified, though the till holds no version",
                      List.of())),
          false,
          0,
          0);
    }
    Download d = download.get();
    String computed = CanonicalJson.sha256(d.data());
    if (!computed.equals(d.version())) {
      throw new CentreRefusedException(
          200,
          "till_data.version_mismatch",
          "the reference data received hashes to "
              + computed
              + ", not to its version "
              + d.version()
              + ": it was changed on the way, or the centre and the till disagree on its form",
          List.of());
    }
    int[] removed = new int[1];
    int written =
        engine.inStore(
            store,
            () -> {
              Changes c = apply(d.data());
              removed[0] = c.removed;
              return c.written;
            });
    version = Optional.of(d.version());
    return new Pulled(d.version(), true, written, removed[0]);
  }

  private static final class Changes {
    int written;
    int removed;
  }

  /** Writes what differs from the till's own records; call inside the store's unit of work. */
  private Changes apply(TillData data) {
    if (!data.store().id().equals(store)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "the centre sent the reference data of store "
              + data.store().id().value()
              + " to a till of store "
              + store.value());
    }
    Changes c = new Changes();
    if (!engine.stores().find(store).equals(Optional.of(data.store()))) {
      engine.stores().save(data.store());
      c.written++;
    }
    for (Product p : data.products()) {
      if (!engine.catalog().product(p.id()).equals(Optional.of(p))) {
        engine.catalog().save(p);
        c.written++;
      }
      for (Variant v : p.variants()) {
        if (!engine.stock().ledger().allowsNegative(v.sku())) {
          engine.stock().ledger().setAllowNegative(v.sku(), true);
        }
      }
    }
    Set<PriceList> lists = new HashSet<>();
    for (PriceEntry e : data.prices()) {
      if (lists.add(e.list())
          && !engine.priceBook().list(e.list().id()).equals(Optional.of(e.list()))) {
        engine.priceBook().saveList(e.list());
        c.written++;
      }
      boolean same =
          engine.priceBook().entries(e.sku(), store, e.list().currency()).stream()
              .anyMatch(
                  held ->
                      held.list().id().equals(e.list().id())
                          && held.price().amount().compareTo(e.price().amount()) == 0);
      if (!same) {
        engine
            .priceBook()
            .setPrice(e.list().id(), e.sku(), e.price(), engine.clock().instant(), "centre");
        c.written++;
      }
    }
    Set<PromotionId> sent = new HashSet<>();
    for (Promotion p : data.promotions()) {
      sent.add(p.id());
      if (!engine.promotions().find(p.id()).equals(Optional.of(p))) {
        engine.definePromotion(p);
        c.written++;
      }
    }
    for (Promotion held : engine.promotions().active(store)) {
      if (!sent.contains(held.id())) {
        engine.promotions().remove(held.id());
        c.removed++;
      }
    }
    if (c.removed > 0) {
      engine.promotionsChanged();
    }
    Optional<TaxJurisdiction> tax = data.taxRules().stream().findFirst();
    if (tax.isPresent() && !engine.taxRules().jurisdictionOf(store).equals(tax)) {
      engine.taxRules().assign(store, tax.get());
      c.written++;
    }
    return c;
  }
}
