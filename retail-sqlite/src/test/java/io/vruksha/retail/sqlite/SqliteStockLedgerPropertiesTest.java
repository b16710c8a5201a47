package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.memory.InMemoryStockLedger;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The SQLite stock ledger against the in-memory one, the reference: a generated sequence of moves
 * (quantities with up to three decimals, as weighed goods have; some that would take stock below
 * zero, a few allowed to), batches, reservations, shrinks, releases, expiries, safety buffers and
 * low flags, some inside units of work that fail, applied to both gives the same answers, the same
 * refusals (type, code and message), the same levels and the same movements after every step.
 */
class SqliteStockLedgerPropertiesTest {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private static final List<StoreId> STORES = List.of(StoreId.of("s1"), StoreId.of("s2"));
  private static final List<StockKey> KEYS =
      STORES.stream()
          .flatMap(
              s ->
                  Stream.of(LocationId.FLOOR, LocationId.BACK_ROOM)
                      .flatMap(
                          l ->
                              Stream.of(Sku.of("GOUDA"), Sku.of("MUG"))
                                  .map(k -> new StockKey(s, l, k))))
          .toList();
  private static final List<String> RESERVATIONS = List.of("order-1", "order-2", "order-3");

  /** One step, applied the same way to either ledger; its answer as text. */
  private interface Step {
    String apply(StockLedger ledger, UnitOfWork work);
  }

  private record Move(
      StockKey key, BigDecimal change, MovementReason reason, boolean allowNegative, int second)
      implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () -> moved(ledger.move(key, change, reason, "ref", "", at(second), allowNegative)));
    }

    StockLedger.Move asMove() {
      return new StockLedger.Move(key, change, reason, "batch", "n", at(second), allowNegative);
    }
  }

  /** Several moves booked together, by key, outside a unit of work (as the default books them). */
  private record Batch(List<Move> moves) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () ->
              ledger.moveAll(moves.stream().map(Move::asMove).toList()).stream()
                  .map(SqliteStockLedgerPropertiesTest::moved)
                  .toList());
    }
  }

  private record Reserve(String id, StockKey key, BigDecimal quantity, int expiresSecond)
      implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () -> {
            ledger.reserve(id, key, quantity, at(expiresSecond));
            return "reserved";
          });
    }
  }

  /** A reservation, then the same id at the same key for a little more (an order edited). */
  private record ReserveAgain(Reserve first, BigDecimal more) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      Reserve again =
          new Reserve(
              first.id(), first.key(), first.quantity().add(more), first.expiresSecond() + 60);
      return first.apply(ledger, work) + " then " + again.apply(ledger, work);
    }
  }

  private record Shrink(StoreId store, String id, BigDecimal quantity) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () -> {
            ledger.shrink(store, id, quantity);
            return "shrunk";
          });
    }
  }

  private record Release(StoreId store, String id) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () -> {
            ledger.release(store, id);
            return "released";
          });
    }
  }

  private record Expire(int second) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(() -> ledger.expireReservations(at(second)));
    }
  }

  private record Buffer(StockKey key, BigDecimal buffer) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(
          () -> {
            ledger.setSafetyBuffer(key, buffer);
            return "buffered";
          });
    }
  }

  private record MarkLow(StockKey key, boolean low) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      return answer(() -> ledger.markLow(key, low));
    }
  }

  /**
   * Steps in one unit of work, which fails at the end when {@code fail}; a refusal fails it too.
   */
  private record InOneUnit(List<Step> steps, boolean fail) implements Step {
    @Override
    public String apply(StockLedger ledger, UnitOfWork work) {
      List<String> answers = new ArrayList<>();
      try {
        work.run(
            () -> {
              for (Step s : steps) {
                String a = s.apply(ledger, work);
                answers.add(a);
                if (a.startsWith("refused")) {
                  throw new IllegalStateException("refused inside: " + a);
                }
              }
              if (fail) {
                throw new IllegalStateException("the till lost power");
              }
              return null;
            });
        answers.add("committed");
      } catch (IllegalStateException e) {
        answers.add("rolled back: " + e.getMessage());
      }
      return answers.toString();
    }
  }

  private static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  private static String moved(StockMovement m) {
    // the sequence is compared apart: after a rollback the in-memory counter has moved on
    return m.key()
        + " "
        + m.change().toPlainString()
        + " "
        + m.reason()
        + " "
        + m.reference()
        + " "
        + m.note()
        + " "
        + m.at();
  }

  private static String answer(Supplier<Object> step) {
    try {
      return "ok " + step.get();
    } catch (RetailException e) {
      return "refused " + e.getClass().getSimpleName() + " " + e.code() + " " + e.getMessage();
    }
  }

  // ---- generators

  /** Up to 20 with up to three decimals, e.g. 7, 0.5, 12.345 (and 2.000: a scale of its own). */
  private static Arbitrary<BigDecimal> quantities() {
    return quantities(20_000);
  }

  /** Above zero, up to {@code thousandths} / 1000, with 0 to 3 decimals. */
  private static Arbitrary<BigDecimal> quantities(int thousandths) {
    return Combinators.combine(
            Arbitraries.integers().between(1, thousandths), Arbitraries.integers().between(0, 3))
        .as((n, scale) -> BigDecimal.valueOf(n, 3).setScale(scale, RoundingMode.DOWN))
        .filter(q -> q.signum() > 0);
  }

  private static Arbitrary<StockKey> keys() {
    return Arbitraries.of(KEYS);
  }

  /** Any key, but s1's sales floor half the time, so steps often meet at one key. */
  private static Arbitrary<StockKey> busyKeys() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(KEYS.get(0), KEYS.get(1))), Tuple.of(1, keys()));
  }

  private static Arbitrary<Move> moves() {
    return Combinators.combine(
            busyKeys(),
            quantities(),
            Arbitraries.frequency(Tuple.of(3, true), Tuple.of(2, false)), // an increase?
            Arbitraries.of(MovementReason.class),
            Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
            Arbitraries.integers().between(0, 3600))
        .as(
            (key, q, up, reason, negative, second) ->
                new Move(key, up ? q : q.negate(), reason, negative, second));
  }

  private static Arbitrary<Step> batches() {
    return moves()
        .list()
        .ofMinSize(2)
        .ofMaxSize(3)
        .uniqueElements(Move::key)
        .map(
            ms ->
                new Batch(
                    ms.stream()
                        .sorted(Comparator.comparing((Move m) -> m.key().toString()))
                        .toList()));
  }

  private static Arbitrary<Step> reservations() {
    // mostly the same few ids at s1's floor, so ids are often reserved again at the same key
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(RESERVATIONS.subList(0, 2))),
                Tuple.of(1, Arbitraries.of(RESERVATIONS))),
            busyKeys(),
            quantities(5_000),
            Arbitraries.integers().between(0, 3600))
        .as(Reserve::new);
  }

  private static Arbitrary<Step> reservationsAgain() {
    return Combinators.combine(reservations(), quantities(1_000))
        .as((first, more) -> new ReserveAgain((Reserve) first, more));
  }

  private static Arbitrary<Step> shrinks() {
    return Combinators.combine(
            Arbitraries.of(STORES),
            Arbitraries.of(RESERVATIONS),
            Arbitraries.oneOf(quantities(), Arbitraries.just(BigDecimal.ZERO)))
        .as(Shrink::new);
  }

  private static Arbitrary<Step> releases() {
    return Combinators.combine(Arbitraries.of(STORES), Arbitraries.of(RESERVATIONS))
        .as(Release::new);
  }

  private static Arbitrary<Step> buffers() {
    return Combinators.combine(
            keys(), Arbitraries.oneOf(quantities(), Arbitraries.just(BigDecimal.ZERO)))
        .as(Buffer::new);
  }

  private static Arbitrary<Step> lows() {
    return Combinators.combine(keys(), Arbitraries.of(true, false)).as(MarkLow::new);
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<Step> simpleSteps() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, moves().map(m -> (Step) m)),
        Tuple.of(3, reservations()),
        Tuple.of(2, reservationsAgain()),
        Tuple.of(1, shrinks()),
        Tuple.of(1, releases()),
        Tuple.of(1, buffers()),
        Tuple.of(1, lows()));
  }

  @Provide
  @SuppressWarnings("unchecked")
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> units =
        Combinators.combine(
                simpleSteps().list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false)))
            .as(InOneUnit::new);
    return Arbitraries.frequencyOf(
            Tuple.of(12, simpleSteps()),
            Tuple.of(2, batches()),
            Tuple.of(1, Arbitraries.integers().between(0, 3600).map(s -> (Step) new Expire(s))),
            Tuple.of(3, units))
        .list()
        .ofMinSize(5)
        .ofMaxSize(40)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  // ---- the property

  @Property(tries = 50)
  void theSqliteLedgerAnswersAsTheInMemoryOne(@ForAll("steps") List<Step> steps) {
    Path dir = tempDir();
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      StockLedger reference = new InMemoryStockLedger();
      UnitOfWork referenceWork = new InMemoryUnitOfWork();
      StockLedger sqlite = new SqliteStockLedger(db);
      boolean rolledBack = false;
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        String expected = step.apply(reference, referenceWork);
        String actual = step.apply(sqlite, db.unitOfWork());
        assertThat(actual).as("step %d: %s", i, step).isEqualTo(expected);
        Statistics.label("steps")
            .collect(step.getClass().getSimpleName(), expected.startsWith("refused"));
        if (step instanceof InOneUnit) {
          Statistics.label("units").collect(expected.contains("rolled back"));
        }
        rolledBack |= expected.contains("rolled back");
        sameState(reference, sqlite, !rolledBack, "after step " + i + ": " + step);
      }
    } finally {
      delete(dir);
    }
    // the runs do reach what matters: refused oversells and reservations, failed units of work
    Statistics.label("steps")
        .coverage(
            c -> {
              c.check("Move", true).count(n -> n > 0);
              c.check("Move", false).count(n -> n > 0);
              c.check("Reserve", true).count(n -> n > 0);
              c.check("Reserve", false).count(n -> n > 0);
              c.check("Batch", true).count(n -> n > 0);
            });
    Statistics.label("units").coverage(c -> c.check(true).count(n -> n > 0));
  }

  private static void sameState(
      StockLedger reference, StockLedger sqlite, boolean sameSequences, String when) {
    for (StockKey key : KEYS) {
      assertThat(sqlite.level(key)).as("level of %s %s", key, when).isEqualTo(reference.level(key));
      List<StockMovement> expected = reference.movements(key);
      List<StockMovement> actual = sqlite.movements(key);
      assertThat(actual.stream().map(SqliteStockLedgerPropertiesTest::moved))
          .as("movements of %s %s", key, when)
          .containsExactlyElementsOf(
              expected.stream().map(SqliteStockLedgerPropertiesTest::moved).toList());
      assertThat(actual)
          .extracting(StockMovement::sequence)
          .as("sequences of %s %s", key, when)
          .isSorted()
          .doesNotHaveDuplicates();
      if (sameSequences) {
        assertThat(actual).as("movements of %s %s", key, when).isEqualTo(expected);
      }
      assertThat(canonical(sqlite.availableToSell(key)))
          .as("available to sell at %s %s", key, when)
          .isEqualTo(canonical(reference.availableToSell(key)));
    }
    for (StoreId store : STORES) {
      List<StockLevel> expected = reference.levels(store);
      List<StockLevel> actual = sqlite.levels(store);
      // the in-memory ledger keeps a zero level for a key whose only move was rolled back
      assertThat(actual).as("levels of %s %s", store, when).isSubsetOf(expected);
      assertThat(expected.stream().filter(l -> !actual.contains(l)))
          .as("levels of %s %s", store, when)
          .allSatisfy(
              l -> {
                assertThat(l.onHand()).isZero();
                assertThat(l.reserved()).isZero();
              });
      assertThat(
              sqlite.availableToSell(store).stream()
                  .map(SqliteStockLedgerPropertiesTest::canonical))
          .as("listed for web shops at %s %s", store, when)
          .containsExactlyElementsOf(
              reference.availableToSell(store).stream()
                  .map(SqliteStockLedgerPropertiesTest::canonical)
                  .toList());
    }
  }

  /** Available to sell with its quantities in canonical form (scales differ after a rollback). */
  private static AvailableToSell canonical(AvailableToSell a) {
    return new AvailableToSell(
        a.key(),
        Quantity.canonical(a.onHand()),
        Quantity.canonical(a.reserved()),
        a.safetyBuffer().map(Quantity::canonical));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("sqlite-stock-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
