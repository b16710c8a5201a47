package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.memory.InMemoryShifts;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite shifts give the in-memory shifts' answers for the same saves: every lookup and every
 * listing after each save. Generated: ids that Java and SQLite's byte order sort differently
 * (characters above U+FFFF against U+E000..U+FFFF), Unicode names, amounts in currencies of 0 to 4
 * decimals, instants with nanosecond digits (kept to the microsecond) around the night Europe moves
 * its clocks forward, often equal so the ids decide the order.
 */
class SqliteShiftsPropertyTest {

  private static final List<StoreId> STORES = List.of(StoreId.of("s1"), StoreId.of("s2"));
  private static final List<String> REGISTERS = List.of("till-1", "till-2", "kassa-ü");
  private static final List<String> IDS =
      List.of("sh-a", "sh-b", "ß-1", "班-2", "\uD835\uDD18-3", "\uE000-4", "\uFFFD-5");
  private static final List<Currency> CURRENCIES =
      Stream.of("EUR", "JPY", "KWD", "CLF").map(Currency::getInstance).toList();

  /** 01:00 UTC: Central Europe's clocks go from 02:00 to 03:00 on 29 March 2026. */
  private static final Instant DST = Instant.parse("2026-03-29T01:00:00Z");

  @Property(tries = 30)
  void answersAsTheInMemoryShiftsDo(@ForAll("saves") List<Shift> saves) throws IOException {
    Path dir = Files.createTempDirectory("shifts");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      Shifts sqlite = new SqliteShifts(db);
      InMemoryShifts memory = new InMemoryShifts();
      for (Shift s : saves) {
        Optional<Shift> open = memory.openOn(s.store(), s.registerId());
        if (s.open() && open.isPresent() && !open.get().id().equals(s.id())) {
          continue; // the engine never opens a second shift on a register
        }
        memory.save(s);
        sqlite.save(s);
        assertSameAnswers(memory, sqlite);
      }
    } finally {
      delete(dir);
    }
  }

  private static void assertSameAnswers(Shifts memory, Shifts sqlite) {
    for (String id : IDS) {
      assertThat(sqlite.find(id)).isEqualTo(memory.find(id));
    }
    for (StoreId store : STORES) {
      assertThat(sqlite.list(store)).containsExactlyElementsOf(memory.list(store));
      for (String register : REGISTERS) {
        assertThat(sqlite.openOn(store, register)).isEqualTo(memory.openOn(store, register));
      }
      for (Optional<String> register :
          Stream.concat(Stream.of(Optional.<String>empty()), REGISTERS.stream().map(Optional::of))
              .toList()) {
        for (Optional<Boolean> open :
            List.of(Optional.<Boolean>empty(), Optional.of(true), Optional.of(false))) {
          for (int limit : new int[] {1, 3, 100}) {
            assertThat(sqlite.list(store, register, open, limit))
                .containsExactlyElementsOf(memory.list(store, register, open, limit));
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Shift>> saves() {
    return shift().list().ofMinSize(1).ofMaxSize(12);
  }

  private static Arbitrary<Shift> shift() {
    Arbitrary<Currency> currency = Arbitraries.of(CURRENCIES);
    return currency.flatMap(
        c ->
            Builders.withBuilder(ShiftParts::new)
                .use(Arbitraries.of(IDS))
                .in((p, v) -> p.with(0, v))
                .use(Arbitraries.of(STORES))
                .in((p, v) -> p.with(1, v))
                .use(Arbitraries.of(REGISTERS))
                .in((p, v) -> p.with(2, v))
                .use(name())
                .in((p, v) -> p.with(3, v))
                .use(instant())
                .in((p, v) -> p.with(4, v))
                .use(money(c, false))
                .in((p, v) -> p.with(5, v))
                .use(movement(c).list().ofMaxSize(3))
                .in((p, v) -> p.with(6, v))
                .use(report(c).optional(0.5))
                .in((p, v) -> p.with(7, v))
                .build(ShiftParts::shift));
  }

  /** The parts of a shift as they are drawn. */
  private static final class ShiftParts {
    private final Object[] parts = new Object[8];

    ShiftParts with(int i, Object v) {
      parts[i] = v;
      return this;
    }

    @SuppressWarnings("unchecked")
    Shift shift() {
      return new Shift(
          (String) parts[0],
          (StoreId) parts[1],
          (String) parts[2],
          (String) parts[3],
          (Instant) parts[4],
          (Money) parts[5],
          (List<Shift.CashMovement>) parts[6],
          (Optional<ShiftReport>) parts[7]);
    }
  }

  private static Arbitrary<Shift.CashMovement> movement(Currency c) {
    return Combinators.combine(money(c, true), name(), name(), instant())
        .as(Shift.CashMovement::new);
  }

  private static Arbitrary<ShiftReport> report(Currency c) {
    return Combinators.combine(
            instant(),
            Arbitraries.integers().between(0, 500),
            money(c, false),
            money(c, true),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            Arbitraries.of("Z-000001", "Z-ü-2").optional(0.5))
        .as(
            (at, count, gross, overShort, tender, number) ->
                new ShiftReport(
                    "ignored",
                    number,
                    at,
                    count,
                    gross,
                    Money.zero(c),
                    Money.zero(c),
                    List.of(),
                    Map.of(tender, gross),
                    gross,
                    Optional.of(gross.plus(overShort)),
                    Optional.of(overShort),
                    Optional.of("ab".repeat(32)),
                    Map.of(tender, overShort),
                    Map.of()));
  }

  /** Text of any character but lone surrogates, with letters beyond U+FFFF now and then. */
  private static Arbitrary<String> name() {
    Arbitrary<String> bmp =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .ofMinLength(1)
            .ofMaxLength(16);
    Arbitrary<String> astral = Arbitraries.of("", "😀", "𝔘𝔫𝔦", "𠀋");
    return Combinators.combine(bmp, astral).as(String::concat);
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
      files.sorted(Comparator.reverseOrder()).forEach(SqliteShiftsPropertyTest::deleteOne);
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
