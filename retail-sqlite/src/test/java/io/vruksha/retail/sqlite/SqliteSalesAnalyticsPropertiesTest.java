package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.memory.InMemorySalesAnalytics;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite analytics add up exactly as the in-memory ones: the same sales, batches and returns
 * given to both, in the same order, give the same figures per store, day and SKU — to the last
 * digit and scale of every quantity (up to 4 decimals) and amount, in currencies of 2 and 3 minor
 * units, for SKUs anywhere in Unicode (whose order by SKU is Java's, not SQLite's bytes), on days
 * before and after 1970.
 */
class SqliteSalesAnalyticsPropertiesTest {

  private static final StoreId EURO_STORE = StoreId.of("berlin");
  private static final StoreId DINAR_STORE = StoreId.of("manama");
  private static final Map<StoreId, Currency> CURRENCY =
      Map.of(EURO_STORE, Currency.getInstance("EUR"), DINAR_STORE, Currency.getInstance("BHD"));
  private static final List<LocalDate> DAYS =
      List.of(
          LocalDate.of(1969, 12, 31),
          LocalDate.of(2026, 11, 24),
          LocalDate.of(2026, 11, 25),
          LocalDate.of(2027, 1, 1));
  // letters, a quote, ﬁ (U+FB01, above the surrogates) and two outside the BMP: in Java's String
  // order 😀 (a surrogate pair) sorts before ﬁ, in code points (SQLite's byte order) after it
  private static final List<String> SKU_PARTS =
      List.of("A", "z", "é", "ß", "'", "中", "\uFB01", "😀", "𝔘", "-");

  private sealed interface Op {}

  private record Sale(LocalDate day, DomainEvent.SaleCompleted sale) implements Op {}

  private record Batch(List<Sale> sales) implements Op {}

  private record Return(LocalDate day, DomainEvent.ReturnCompleted completed) implements Op {}

  @Property(tries = 60)
  void theSameSalesAndReturnsGiveTheSameFiguresAsInMemory(@ForAll("operations") List<Op> ops)
      throws IOException {
    Path dir = Files.createTempDirectory("analytics");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      SalesAnalytics memory = new InMemorySalesAnalytics();
      InMemoryUnitOfWork memoryWork = new InMemoryUnitOfWork();
      SalesAnalytics sqlite = new SqliteSalesAnalytics(db);
      for (Op op : ops) {
        memoryWork.run(() -> apply(memory, op));
        db.unitOfWork().run(() -> apply(sqlite, op));
      }
      LocalDate first = DAYS.get(0);
      LocalDate last = DAYS.get(DAYS.size() - 1);
      for (StoreId store : CURRENCY.keySet()) {
        assertThat(sqlite.daily(store, first, last)).isEqualTo(memory.daily(store, first, last));
        assertThat(sqlite.products(store, first, last))
            .isEqualTo(memory.products(store, first, last));
        LocalDate one = DAYS.get(1);
        assertThat(sqlite.daily(store, one, one)).isEqualTo(memory.daily(store, one, one));
        assertThat(sqlite.products(store, one, one)).isEqualTo(memory.products(store, one, one));
      }
    } finally {
      delete(dir);
    }
  }

  private static Void apply(SalesAnalytics analytics, Op op) {
    if (op instanceof Sale s) {
      analytics.addSale(s.day(), s.sale());
    } else if (op instanceof Batch b) {
      analytics.addSales(
          b.sales().stream().map(s -> new SalesAnalytics.DatedSale(s.day(), s.sale())).toList());
    } else if (op instanceof Return r) {
      analytics.addReturn(r.day(), r.completed());
    }
    return null;
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> sale = sales().map(s -> s);
    Arbitrary<Op> batch = sales().list().ofMaxSize(5).map(Batch::new);
    Arbitrary<Op> returned =
        Combinators.combine(
                Arbitraries.of(DAYS),
                Arbitraries.of(EURO_STORE, DINAR_STORE),
                Arbitraries.longs().between(-50_000, 50_000))
            .as(
                (day, store, minor) ->
                    new Return(
                        day,
                        new DomainEvent.ReturnCompleted(
                            store, "r", "s", "C-1", Money.ofMinor(CURRENCY.get(store), minor))));
    return Arbitraries.frequencyOf(Tuple.of(5, sale), Tuple.of(2, batch), Tuple.of(2, returned))
        .list()
        .ofMaxSize(12);
  }

  private Arbitrary<Sale> sales() {
    return Combinators.combine(
            Arbitraries.of(DAYS),
            Arbitraries.of(EURO_STORE, DINAR_STORE),
            lines().list().ofMaxSize(5))
        .as(
            (day, store, parts) -> {
              Currency currency = CURRENCY.get(store);
              List<DomainEvent.SoldLine> lines = new ArrayList<>();
              Money total = Money.zero(currency);
              for (Line l : parts) {
                Money amount = Money.ofMinor(currency, l.minor());
                lines.add(new DomainEvent.SoldLine(l.sku(), l.quantity(), amount));
                total = total.plus(amount);
              }
              return new Sale(
                  day, new DomainEvent.SaleCompleted(store, "s", "R-1", "", total, lines));
            });
  }

  private record Line(String sku, BigDecimal quantity, long minor) {}

  private Arbitrary<Line> lines() {
    Arbitrary<String> sku =
        Arbitraries.of(SKU_PARTS).list().ofMinSize(1).ofMaxSize(3).map(p -> String.join("", p));
    // 1 to 99999 units of 1, 0.1, ... 0.0001: up to 4 decimals, trailing zeros kept
    Arbitrary<BigDecimal> quantity =
        Combinators.combine(
                Arbitraries.longs().between(1, 99_999), Arbitraries.integers().between(0, 4))
            .as((unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
    return Combinators.combine(sku, quantity, Arbitraries.longs().between(0, 2_000_000))
        .as(Line::new);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
