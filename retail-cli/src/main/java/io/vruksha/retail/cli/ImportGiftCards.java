package io.vruksha.retail.cli;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.ImportedGiftCard;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code retail import gift-cards}: cards from the system a store is leaving, with the balances
 * they hold there. Unlike the other imports, all or none: a balance is money owed to a customer, so
 * a file with any broken row (a code that is malformed, given twice or already a card of the store;
 * a balance that is not above zero or not exact in the currency; a currency other than the store's;
 * an expiry not after the issue date) imports nothing, and every broken row is reported with its
 * line and reason (and written to {@code --rejects}). The cards go in through the engine ({@code
 * GiftCards.importCards}), one unit of work, each with an ISSUE ledger entry and an {@code issued}
 * event. The file's SHA-256 is the import's idempotency key: the same file again changes nothing.
 */
final class ImportGiftCards {

  /** The fields a gift card row has. */
  static final Set<String> FIELDS =
      new LinkedHashSet<>(List.of("code", "balance", "currency", "expiry", "issued"));

  /** The fields a file must give (currency defaults to the store's). */
  static final List<String> REQUIRED = List.of("code", "balance", "expiry", "issued");

  private static final Pattern CARD = Pattern.compile("^card (\\d+): (.*)$");

  private ImportGiftCards() {}

  /** What an import did. */
  record Result(long imported, long rejected, long skipped) {}

  static Result run(
      RetailEngine engine,
      Store store,
      ImportDates dates,
      boolean decimalComma,
      ImportReader reader,
      String fileRef,
      boolean dryRun,
      ImportRejects rejects,
      PrintWriter err)
      throws IOException {
    List<ImportedGiftCard> cards = new ArrayList<>();
    List<ImportReader.Row> rows = new ArrayList<>();
    long rejected = 0;
    for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
      if (row.broken()) {
        rejects.add(row, row.error());
        rejected++;
        continue;
      }
      try {
        cards.add(card(row, store, dates, decimalComma));
        rows.add(row);
      } catch (RetailException | IllegalArgumentException | ArithmeticException e) {
        rejects.add(row, e.getMessage());
        rejected++;
      }
    }
    String key = "file:" + fileRef;
    if (rejected == 0
        && engine
            .inStore(
                store.id(),
                () -> engine.giftCards().book().entryByKey(store.id(), "import:" + key + ":1"))
            .isPresent()) {
      return new Result(0, 0, cards.size());
    }
    Actor importer = Actor.cashier("import");
    // the rows that could be read are checked by the engine even when others could not, so every
    // broken row is named at once; the unit of work is then rolled back
    boolean rollBack = dryRun || rejected > 0;
    try {
      List<GiftCard> imported =
          engine.inStore(
              store.id(),
              () -> {
                List<GiftCard> done =
                    engine.giftCards().importCards(store.id(), cards, key, importer);
                if (rollBack) {
                  throw new DryRun(done.size());
                }
                return done;
              });
      return new Result(imported.size(), 0, 0);
    } catch (DryRun d) {
      if (rejected > 0) {
        return nothingImported(rejected, err);
      }
      return new Result(d.count, 0, 0);
    } catch (RetailException e) {
      if (e.details().isEmpty()) {
        throw e;
      }
      // the engine names cards by position; the user knows them by line
      for (String detail : e.details()) {
        Matcher m = CARD.matcher(detail);
        if (m.matches()) {
          rejects.add(rows.get(Integer.parseInt(m.group(1)) - 1), m.group(2));
        } else {
          err.println(detail);
        }
      }
      return nothingImported(rejected + e.details().size(), err);
    }
  }

  private static Result nothingImported(long rejected, PrintWriter err) {
    err.println(
        "retail import: "
            + rejected
            + " broken rows; gift cards import all or none, so nothing was imported");
    return new Result(0, rejected, 0);
  }

  private static ImportedGiftCard card(
      ImportReader.Row row, Store store, ImportDates dates, boolean decimalComma) {
    String code = required(row, "code");
    String currency = row.fields().getOrDefault("currency", "");
    String amount = required(row, "balance");
    if (decimalComma) {
      // 1.234,56: the points group thousands, the comma is the decimal mark
      amount = amount.replace(".", "").replace(',', '.');
    }
    BigDecimal number;
    try {
      number = new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "balance '" + required(row, "balance") + "' is not a number", e);
    }
    Money balance =
        Money.of(number, currency.isBlank() ? store.currency() : Money.currency(currency.strip()));
    return new ImportedGiftCard(
        code,
        balance,
        dates.read("issued", required(row, "issued")),
        dates.read("expiry", required(row, "expiry")));
  }

  private static String required(ImportReader.Row row, String field) {
    String v = row.fields().get(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v.strip();
  }

  /** Rolls a dry run's unit of work back once every card was checked and written. */
  private static final class DryRun extends RuntimeException {
    final int count;

    DryRun(int count) {
      super("dry run", null, false, false);
      this.count = count;
    }
  }
}
