package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.memory.InMemoryInvoices;
import io.vruksha.retail.memory.InMemoryStores;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.tax.TaxTreatment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite invoices and stores give the in-memory adapters' answers for the same saves.
 * Generated: invoice numbers that Java and SQLite's byte order sort differently, Unicode text,
 * amounts and tax rates of 0 to 4 decimals (kept with their scale), instants with nanosecond digits
 * around the night Europe moves its clocks forward, often equal so the numbers decide the order.
 */
class SqliteInvoicesPropertyTest {

  private static final List<StoreId> STORES = List.of(StoreId.of("s1"), StoreId.of("S001:t-2"));
  private static final List<String> NUMBERS =
      List.of("S001-2026-000001", "S001-2026-000002", "Ü-1", "\uD840\uDC0B-2", "\uFF21-3");
  private static final List<String> SALES = List.of("sale-1", "sale-2", "verkauf-ß");
  private static final List<Currency> CURRENCIES =
      Stream.of("EUR", "JPY", "KWD", "CLF").map(Currency::getInstance).toList();
  private static final Instant DST = Instant.parse("2026-03-29T01:00:00Z");

  @Property(tries = 30)
  void invoicesAnswerAsInMemory(@ForAll("invoices") List<Invoice> saves) throws IOException {
    Path dir = Files.createTempDirectory("invoices");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      Invoices sqlite = new SqliteInvoices(db);
      Invoices memory = new InMemoryInvoices();
      for (Invoice i : saves) {
        memory.save(i);
        sqlite.save(i);
        for (StoreId store : STORES) {
          assertThat(sqlite.list(store)).containsExactlyElementsOf(memory.list(store));
          for (String number : NUMBERS) {
            assertThat(sqlite.find(store, number)).isEqualTo(memory.find(store, number));
          }
        }
        for (String sale : SALES) {
          assertThat(sqlite.forSale(sale)).isEqualTo(memory.forSale(sale));
        }
      }
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 20)
  void storesAnswerAsInMemory(@ForAll("stores") List<Store> saves) throws IOException {
    Path dir = Files.createTempDirectory("stores");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      Stores sqlite = new SqliteStores(db);
      Stores memory = new InMemoryStores();
      for (Store s : saves) {
        memory.save(s);
        sqlite.save(s);
        assertThat(sqlite.all()).containsExactlyElementsOf(memory.all());
        for (StoreId id : STORES) {
          assertThat(sqlite.find(id)).isEqualTo(memory.find(id));
        }
      }
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<List<Invoice>> invoices() {
    return Arbitraries.of(CURRENCIES)
        .flatMap(SqliteInvoicesPropertyTest::invoice)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  private static Arbitrary<Invoice> invoice(Currency c) {
    Arbitrary<Invoice.Payment> payment =
        Combinators.combine(money(c, false), text(), text(), instant()).as(Invoice.Payment::new);
    Arbitrary<TaxBreakdownEntry> tax =
        Combinators.combine(
                text(),
                Arbitraries.bigDecimals()
                    .between(BigDecimal.ZERO, new BigDecimal("30"))
                    .ofScale(4)
                    .flatMap(
                        r ->
                            Arbitraries.integers()
                                .between(0, 4)
                                .map(s -> r.setScale(s, RoundingMode.DOWN))),
                Arbitraries.of(TaxTreatment.class),
                money(c, false),
                money(c, false))
            .as(
                (name, rate, t, base, amount) ->
                    new TaxBreakdownEntry("R", name, rate, t, base, amount));
    return Combinators.combine(
            Combinators.combine(
                    Arbitraries.of(NUMBERS),
                    Arbitraries.of(STORES),
                    Arbitraries.of(SALES).optional(0.7),
                    text().optional(0.5),
                    text().optional(0.3),
                    instant(),
                    instant())
                .as(Tuple::of),
            money(c, true),
            money(c, true),
            tax.list().ofMaxSize(2),
            Arbitraries.of(Invoice.Status.class),
            payment.list().ofMaxSize(2),
            money(c, false))
        .as(
            (head, total, taxAmount, breakdown, status, payments, credited) ->
                new Invoice(
                    head.get1(),
                    head.get2(),
                    head.get3(),
                    head.get4(),
                    head.get5(),
                    head.get6(),
                    head.get7(),
                    total,
                    taxAmount,
                    breakdown,
                    status,
                    payments,
                    credited));
  }

  @Provide
  Arbitrary<List<Store>> stores() {
    Arbitrary<CashRounding> rounding =
        Combinators.combine(
                Arbitraries.of("0", "0.05", "0.050", "1", "0.0005", "5.0000", "0.10"),
                Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN),
                Arbitraries.of(CashRounding.Scope.class))
            .as((inc, mode, scope) -> new CashRounding(new BigDecimal(inc), mode, scope));
    return Combinators.combine(
            Arbitraries.of(STORES),
            text(),
            Arbitraries.of(CURRENCIES),
            Arbitraries.of("Europe/Zurich", "America/St_Johns", "Asia/Kolkata", "UTC")
                .map(ZoneId::of),
            rounding)
        .as(Store::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  /** Text of any character but lone surrogates, with letters beyond U+FFFF now and then. */
  private static Arbitrary<String> text() {
    Arbitrary<String> bmp =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .ofMinLength(1)
            .ofMaxLength(12);
    return Combinators.combine(bmp, Arbitraries.of("x", "😀", "𠀋")).as(String::concat);
  }

  /** Instants to the nanosecond within two hours of {@link #DST}, a third of them on a few. */
  private static Arbitrary<Instant> instant() {
    Arbitrary<Instant> any =
        Arbitraries.longs().between(-7_200_000_000_000L, 7_200_000_000_000L).map(DST::plusNanos);
    Arbitrary<Instant> few =
        Arbitraries.of(DST.minusNanos(1), DST.plusNanos(999), DST.plusNanos(1_000_001));
    return Arbitraries.frequencyOf(Tuple.of(2, any), Tuple.of(1, few));
  }

  /** Amounts up to a million with the currency's decimals (0 for JPY to 4 for CLF). */
  private static Arbitrary<Money> money(Currency c, boolean signed) {
    int scale = Money.minorUnits(c);
    long max = 1_000_000L * BigDecimal.TEN.pow(scale).longValueExact();
    return Arbitraries.longs()
        .between(signed ? -max : 0, max)
        .map(units -> Money.of(BigDecimal.valueOf(units, scale), c));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(SqliteInvoicesPropertyTest::deleteOne);
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
