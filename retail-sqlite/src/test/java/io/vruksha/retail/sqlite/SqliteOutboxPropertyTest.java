package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite outbox gives the in-memory outbox's answers for the same appends, marks and claims,
 * committed or rolled back, and after the file is closed and opened again. Generated: events with
 * Unicode ids, amounts in currencies of 0 to 4 decimals, instants with nanosecond digits around the
 * night Europe moves its clocks forward.
 */
class SqliteOutboxPropertyTest {

  private static final Instant DST = Instant.parse("2026-03-29T01:00:00Z");
  private static final List<Currency> CURRENCIES =
      Stream.of("EUR", "JPY", "KWD", "CLF").map(Currency::getInstance).toList();

  /** One step a till's code takes on its outbox, in a unit of work that commits or fails. */
  sealed interface Step {
    boolean fails();
  }

  record Append(List<EventEnvelope> events, boolean fails) implements Step {}

  record MarkSent(List<Integer> picks, boolean fails) implements Step {}

  record Claim(int limit, boolean fails) implements Step {}

  record Reopen() implements Step {
    @Override
    public boolean fails() {
      return false;
    }
  }

  @Property(tries = 40)
  void answersAsTheInMemoryOutboxDoes(@ForAll("steps") List<Step> steps) throws IOException {
    Path dir = Files.createTempDirectory("outbox");
    Path file = dir.resolve("till.db");
    InMemoryOutbox memory = new InMemoryOutbox();
    UnitOfWork memoryWork = new InMemoryUnitOfWork();
    List<EventEnvelope> appended = new ArrayList<>();
    SqliteDatabase db = SqliteDatabase.open(file);
    try {
      for (Step step : steps) {
        if (step instanceof Reopen) {
          db.close();
          db = SqliteDatabase.open(file);
        } else {
          SqliteOutbox sqlite = new SqliteOutbox(db);
          Object inMemory = apply(step, memory, memoryWork, appended);
          Object onFile = apply(step, sqlite, db.unitOfWork(), appended);
          assertThat(onFile).isEqualTo(inMemory);
          if (step instanceof Append a && !a.fails()) {
            appended.addAll(a.events());
          }
        }
        SqliteOutbox sqlite = new SqliteOutbox(db);
        assertThat(sqlite.pending(1000)).containsExactlyElementsOf(memory.pending(1000));
        assertThat(sqlite.pending(2)).containsExactlyElementsOf(memory.pending(2));
        assertThat(sqlite.pendingCount()).isEqualTo(memory.pendingCount());
      }
    } finally {
      db.close();
      delete(dir);
    }
  }

  /** Runs the step; answers what a claim handed out (or the failure). */
  private static Object apply(
      Step step, Outbox outbox, UnitOfWork work, List<EventEnvelope> appended) {
    Function<Outbox, Object> body;
    if (step instanceof Append a) {
      body =
          o -> {
            a.events().forEach(o::append);
            return null;
          };
    } else if (step instanceof MarkSent m) {
      body =
          o -> {
            o.markSent(
                m.picks().stream()
                    .filter(i -> !appended.isEmpty())
                    .map(i -> appended.get(i % appended.size()).eventId())
                    .toList());
            return null;
          };
    } else if (step instanceof Claim c) {
      body = o -> o.claimAsSent(c.limit());
    } else {
      body = o -> null;
    }
    if (!step.fails()) {
      return work.run(() -> body.apply(outbox));
    }
    assertThatThrownBy(
            () ->
                work.run(
                    () -> {
                      body.apply(outbox);
                      throw new IllegalStateException("NATS did not acknowledge");
                    }))
        .hasMessage("NATS did not acknowledge");
    return "failed";
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Boolean> fails = Arbitraries.of(false, false, true);
    Arbitrary<Step> append =
        Combinators.combine(event().list().ofMinSize(1).ofMaxSize(4), fails).as(Append::new);
    Arbitrary<Step> mark =
        Combinators.combine(Arbitraries.integers().between(0, 40).list().ofMaxSize(3), fails)
            .as(MarkSent::new);
    Arbitrary<Step> claim =
        Combinators.combine(Arbitraries.integers().between(0, 5), fails).as(Claim::new);
    Arbitrary<Step> reopen = Arbitraries.just(new Reopen());
    return Arbitraries.frequencyOf(
            Tuple.of(4, append), Tuple.of(2, mark), Tuple.of(2, claim), Tuple.of(1, reopen))
        .list()
        .ofMinSize(1)
        .ofMaxSize(15);
  }

  private static Arbitrary<EventEnvelope> event() {
    // fresh ids, as EventEnvelope.of gives them: an outbox holds an event once (PostgreSQL and
    // SQLite refuse a second row of one id; the in-memory outbox would keep both)
    Arbitrary<UUID> id = Arbitraries.create(UUID::randomUUID);
    Arbitrary<StoreId> store = Arbitraries.of(StoreId.of("s1"), StoreId.of("S001:till-2"));
    Arbitrary<DomainEvent> payload =
        Arbitraries.oneOf(
            Combinators.combine(store, text(), Arbitraries.of(true, false))
                .as(DomainEvent.CustomerCreated::new),
            Combinators.combine(store, text(), text(), money()).as(DomainEvent.ShiftClosed::new),
            Combinators.combine(store, text(), Arbitraries.of("INVOICE", "CREDIT_NOTE"), money())
                .as((s, n, k, m) -> new DomainEvent.InvoiceCreated(s, n, k, m, "ab".repeat(32))));
    Arbitrary<Instant> at =
        Arbitraries.longs().between(-7_200_000_000_000L, 7_200_000_000_000L).map(DST::plusNanos);
    return Combinators.combine(id, payload, at, text())
        .as((i, p, t, corr) -> new EventEnvelope(i, p.subject(), p.store(), t, corr, 1, p));
  }

  /** Text of any character but lone surrogates, with letters beyond U+FFFF now and then. */
  private static Arbitrary<String> text() {
    Arbitrary<String> bmp =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .ofMinLength(1)
            .ofMaxLength(12);
    return Combinators.combine(bmp, Arbitraries.of("", "😀", "𠀋")).as(String::concat);
  }

  /** Signed amounts with the currency's decimals (0 for JPY to 4 for CLF). */
  private static Arbitrary<Money> money() {
    return Arbitraries.of(CURRENCIES)
        .flatMap(
            c -> {
              int scale = Money.minorUnits(c);
              long max = 1_000_000L * BigDecimal.TEN.pow(scale).longValueExact();
              return Arbitraries.longs()
                  .between(-max, max)
                  .map(units -> Money.of(BigDecimal.valueOf(units, scale), c));
            });
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(SqliteOutboxPropertyTest::deleteOne);
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
