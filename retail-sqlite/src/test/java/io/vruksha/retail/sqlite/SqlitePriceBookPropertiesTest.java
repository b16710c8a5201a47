package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.memory.InMemoryPriceBook;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite price book answers as the in-memory one: the same list headers and price changes given
 * to both, in the same order, give the same outcome for each (the change, or the same error and
 * message), the same lists, entries and history — prices of up to 4 decimals kept to the digit,
 * instants with nanosecond digits kept to the microsecond, names and authors in any script, and a
 * list whose currency changes under prices set before.
 */
class SqlitePriceBookPropertiesTest {

  private static final List<String> LISTS = List.of("retail", "berlin-weekend", "trade");
  private static final List<String> SKUS = List.of("MILK-1L", "TEE-M", "a/1");
  private static final List<StoreId> STORES = List.of(StoreId.of("berlin"), StoreId.of("munich"));
  private static final List<Currency> CURRENCIES =
      List.of(Currency.getInstance("EUR"), Currency.getInstance("CHF"));
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private sealed interface Op {}

  private record SaveList(PriceList list) implements Op {}

  private record SetPrice(String list, String sku, UnitPrice price, Instant at, String by)
      implements Op {}

  @Property(tries = 60)
  void theSameChangesGiveTheSameAnswersAsInMemory(@ForAll("operations") List<Op> ops)
      throws IOException {
    Path dir = Files.createTempDirectory("prices");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      PriceBook memory = new InMemoryPriceBook();
      PriceBook sqlite = new SqlitePriceBook(db);
      for (Op op : ops) {
        assertThat(outcome(() -> apply(sqlite, op))).isEqualTo(outcome(() -> apply(memory, op)));
      }
      assertThat(sqlite.lists()).isEqualTo(memory.lists());
      for (String id : LISTS) {
        assertThat(sqlite.list(PriceListId.of(id))).isEqualTo(memory.list(PriceListId.of(id)));
      }
      for (String sku : SKUS) {
        assertThat(sqlite.history(Sku.of(sku))).isEqualTo(memory.history(Sku.of(sku)));
        for (StoreId store : STORES) {
          for (Currency currency : CURRENCIES) {
            assertThat(outcome(() -> byList(sqlite.entries(Sku.of(sku), store, currency))))
                .isEqualTo(outcome(() -> byList(memory.entries(Sku.of(sku), store, currency))));
          }
        }
      }
    } finally {
      SqliteSalesAnalyticsPropertiesTest.delete(dir);
    }
  }

  private static Object apply(PriceBook book, Op op) {
    if (op instanceof SaveList s) {
      book.saveList(s.list());
      return s.list();
    }
    SetPrice p = (SetPrice) op;
    return book.setPrice(PriceListId.of(p.list()), Sku.of(p.sku()), p.price(), p.at(), p.by());
  }

  /** The in-memory book lists entries in no particular order; compared by list. */
  private static List<PriceEntry> byList(List<PriceEntry> entries) {
    List<PriceEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(e -> e.list().id()));
    return sorted;
  }

  /** What an operation gave: its value, or the type and message of what it threw. */
  private static Object outcome(Supplier<Object> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    return Arbitraries.frequencyOf(Tuple.of(1, saveList()), Tuple.of(3, setPrice()))
        .list()
        .ofMaxSize(15);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.of("Zoë", "Ørsted", "価格", "😀", "'; --", "anna", " ")
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(p -> String.join("", p));
  }

  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(-400L * 86_400, 400L * 86_400),
            Arbitraries.integers().between(0, 999_999_999))
        .as((s, n) -> BASE.plusSeconds(s).plusNanos(n));
  }

  private static Arbitrary<Op> saveList() {
    Arbitrary<Optional<Instant>> from = instants().optional();
    Arbitrary<Optional<Duration>> length =
        Arbitraries.longs().between(1, 90L * 86_400_000_000_000L).map(Duration::ofNanos).optional();
    return Combinators.combine(
            Arbitraries.of(LISTS),
            text().filter(t -> !t.isBlank()),
            Arbitraries.of(STORES).optional(),
            Arbitraries.of(CURRENCIES),
            Arbitraries.of("trade", "staff").map(CustomerGroupId::of).optional(),
            from,
            length,
            Arbitraries.integers().between(-3, 3))
        .as(
            (id, name, store, currency, group, start, span, priority) -> {
              // an end needs a start a microsecond or more before it (the header truncates both)
              Optional<Instant> end = start.flatMap(s -> span.map(d -> s.plus(d).plusNanos(1_000)));
              return new SaveList(
                  new PriceList(
                      PriceListId.of(id),
                      name,
                      store,
                      currency,
                      group,
                      start,
                      end,
                      priority,
                      priority % 2 == 0));
            });
  }

  private static Arbitrary<Op> setPrice() {
    // 0 to 9999999 hundredths of a cent and so on: up to 4 decimals, trailing zeros kept
    Arbitrary<BigDecimal> amount =
        Combinators.combine(
                Arbitraries.longs().between(0, 9_999_999), Arbitraries.integers().between(0, 4))
            .as((unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
    return Combinators.combine(
            Arbitraries.of("retail", "berlin-weekend", "trade", "ghost"),
            Arbitraries.of(SKUS),
            amount,
            Arbitraries.of(CURRENCIES),
            instants(),
            text())
        .as(
            (list, sku, price, currency, at, by) ->
                new SetPrice(list, sku, new UnitPrice(price, currency), at, by));
  }
}
