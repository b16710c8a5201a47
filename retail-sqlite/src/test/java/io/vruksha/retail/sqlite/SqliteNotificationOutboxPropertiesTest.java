package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.memory.InMemoryNotificationOutbox;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite notification outbox answers as the in-memory one: the same adds, updates, claims,
 * subscriptions and forgetting, in the same order, give the same answers — which notifications are
 * due and in which order (ties in the order they were added), a store's list newest first, its
 * subscriptions in the order they were made — with instants carrying nanosecond digits and texts in
 * any script.
 */
class SqliteNotificationOutboxPropertiesTest {

  private static final List<StoreId> STORES = List.of(StoreId.of("demo"), StoreId.of("north"));
  private static final List<String> RECIPIENTS =
      List.of("ada@example.org", "bob@example.org", Notification.ANONYMISED);
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  /** One call on an outbox, giving what it answered. */
  private record Op(String name, Function<NotificationOutbox, Object> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Property(tries = 60)
  void theSameCallsGiveTheSameAnswersAsInMemory(@ForAll("calls") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("notifications");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      NotificationOutbox memory = new InMemoryNotificationOutbox();
      NotificationOutbox sqlite = new SqliteNotificationOutbox(db);
      for (Op op : ops) {
        assertThat(outcome(() -> op.call().apply(sqlite)))
            .as(op.name())
            .isEqualTo(outcome(() -> op.call().apply(memory)));
      }
      for (StoreId store : STORES) {
        assertThat(sqlite.list(store, 100)).isEqualTo(memory.list(store, 100));
        assertThat(sqlite.subscriptions(store)).isEqualTo(memory.subscriptions(store));
      }
      Instant end = T0.plusSeconds(86_400);
      assertThat(sqlite.claimDue(end, end, 100)).isEqualTo(memory.claimDue(end, end, 100));
    } finally {
      SqliteSalesAnalyticsPropertiesTest.delete(dir);
    }
  }

  /** What a call gave: its value, or the type and message of what it threw. */
  private static Object outcome(Supplier<Object> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3_600), Arbitraries.integers().between(0, 2))
        .as((s, n) -> T0.plusSeconds(s).plusNanos(n == 0 ? 0 : n == 1 ? 1_500 : 999_999_999));
  }

  private static Arbitrary<Notification> notifications() {
    Arbitrary<Tuple.Tuple2<StoreId, String>> key =
        Combinators.combine(Arbitraries.of(STORES), Arbitraries.of("n-1", "n-2", "n-3", "n-4"))
            .as(Tuple::of);
    Arbitrary<Tuple.Tuple2<Instant, Instant>> times =
        Combinators.combine(instants(), instants()).as(Tuple::of);
    return Combinators.combine(
            key,
            Arbitraries.of(Notification.Kind.class),
            Arbitraries.of(RECIPIENTS),
            Arbitraries.of("Punkte für Zoë", "積分 😀", "l'été"),
            Arbitraries.of(Notification.Status.class),
            Arbitraries.integers().between(0, 3),
            times,
            Arbitraries.of("550 no such user", "délai dépassé").optional())
        .as(
            (k, kind, recipient, text, status, attempts, at, error) ->
                new Notification(
                    k.get1(),
                    k.get2(),
                    kind,
                    Notification.Channel.EMAIL,
                    recipient,
                    text,
                    text + " — " + k.get2(),
                    status,
                    attempts,
                    at.get1(),
                    at.get2(),
                    error,
                    "event-" + k.get2()));
  }

  @Provide
  Arbitrary<List<Op>> calls() {
    Arbitrary<Op> add = notifications().map(n -> new Op("add " + n, o -> o.add(n)));
    Arbitrary<Op> update =
        notifications()
            .map(
                n ->
                    new Op(
                        "update " + n,
                        o -> {
                          o.update(n);
                          return "updated";
                        }));
    Arbitrary<Op> claim =
        Combinators.combine(instants(), instants(), Arbitraries.integers().between(0, 3))
            .as(
                (now, lease, limit) ->
                    new Op(
                        "claim at " + now + " until " + lease + " up to " + limit,
                        o -> o.claimDue(now, lease, limit)));
    Arbitrary<Op> list =
        Combinators.combine(Arbitraries.of(STORES), Arbitraries.integers().between(0, 3))
            .as((s, limit) -> new Op("list " + s + " " + limit, o -> o.list(s, limit)));
    Arbitrary<Op> forget =
        Arbitraries.of("ada@example.org", "bob@example.org", " ")
            .map(r -> new Op("forget " + r, o -> o.forgetRecipient(r)));
    Arbitrary<NotificationSubscription> subscription =
        Combinators.combine(
                Arbitraries.of(STORES),
                Arbitraries.of(Notification.Kind.LOW_STOCK, Notification.Kind.ORDER_READY),
                Arbitraries.of("manager@example.org", "ops@example.org"))
            .as((s, k, r) -> new NotificationSubscription(s, k, Notification.Channel.EMAIL, r));
    Arbitrary<Op> subscribe =
        subscription.map(
            s ->
                new Op(
                    "subscribe " + s,
                    o -> {
                      o.subscribe(s);
                      return "subscribed";
                    }));
    Arbitrary<Op> unsubscribe =
        subscription.map(s -> new Op("unsubscribe " + s, o -> o.unsubscribe(s)));
    return Arbitraries.frequencyOf(
            Tuple.of(4, add),
            Tuple.of(2, update),
            Tuple.of(2, claim),
            Tuple.of(1, list),
            Tuple.of(1, forget),
            Tuple.of(2, subscribe),
            Tuple.of(1, unsubscribe))
        .list()
        .ofMaxSize(20);
  }
}
