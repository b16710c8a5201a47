package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresOutboxIT {

  @Test
  void twoRelaysClaimingAtOnceNeverGetTheSameEvent() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    appendCustomersCreated(outbox, 40);
    CountDownLatch bothClaimed = new CountDownLatch(2);
    ExecutorService relays = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<UUID>>> claims = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        claims.add(
            relays.submit(
                () ->
                    db.unitOfWork()
                        .run(
                            () -> {
                              List<UUID> ids =
                                  outbox.claim(25).stream().map(EventEnvelope::eventId).toList();
                              bothClaimed.countDown();
                              try {
                                // hold the claim until the other relay has claimed too
                                bothClaimed.await(10, TimeUnit.SECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                              outbox.markSent(ids);
                              return ids;
                            })));
      }
      List<UUID> first = claims.get(0).get(30, TimeUnit.SECONDS);
      List<UUID> second = claims.get(1).get(30, TimeUnit.SECONDS);
      Set<UUID> overlap = new HashSet<>(first);
      overlap.retainAll(second);
      assertThat(overlap).isEmpty();
      assertThat(first.size() + second.size()).isEqualTo(40);
      assertThat(outbox.pending(100)).isEmpty();
    } finally {
      relays.shutdownNow();
    }
  }

  @Test
  void aPublishedEventLeavesTheTableAndAFailedBatchStays() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    appendCustomersCreated(outbox, 5);
    assertThat(rows(db)).isEqualTo(5);
    assertThatThrownBy(
            () ->
                db.unitOfWork()
                    .run(
                        () -> {
                          outbox.claimAsSent(3);
                          throw new IllegalStateException("no acknowledgement");
                        }))
        .hasMessage("no acknowledgement");
    assertThat(rows(db)).isEqualTo(5);

    assertThat(db.unitOfWork().run(() -> outbox.claimAsSent(3))).hasSize(3);
    assertThat(rows(db)).isEqualTo(2);
    List<String> left =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT events->0->'payload'->>'customerId' FROM outbox ORDER BY position")
                        .mapTo(String.class)
                        .list());
    assertThat(left).containsExactly("c-3", "c-4");
    assertThat(outbox.pendingCount()).isEqualTo(2);
    db.unitOfWork()
        .run(
            () -> {
              outbox.markSent(outbox.pending(10).stream().map(EventEnvelope::eventId).toList());
              return null;
            });
    assertThat(rows(db)).isZero();
  }

  @Test
  void aUnitOfWorksEventsAreOneRowReadInTheOrderAppended() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    List<EventEnvelope> appended = new ArrayList<>();
    db.unitOfWork()
        .run(
            () -> {
              for (int i = 0; i < 5; i++) {
                EventEnvelope e =
                    customerCreated("ü-" + i, Instant.parse("2026-12-06T10:40:58.998373Z"));
                appended.add(e);
                outbox.append(e);
              }
              // the unit's own read sees its events, written into their row first
              assertThat(outbox.pending(10)).containsExactlyElementsOf(appended);
              assertThat(outbox.pendingCount()).isEqualTo(5);
              return null;
            });
    assertThat(rows(db)).isEqualTo(1);
    assertThat(outbox.pendingCount()).isEqualTo(5);
    assertThat(outbox.pending(10)).containsExactlyElementsOf(appended);
    // an exact number of events, the row's others still pending
    assertThat(outbox.pending(2)).containsExactlyElementsOf(appended.subList(0, 2));
    assertThat(db.unitOfWork().run(() -> outbox.claimAsSent(500)))
        .containsExactlyElementsOf(appended);
    assertThat(rows(db)).isZero();
  }

  @Test
  void aUnitOfWorkAppendingAfterReadingWritesASecondRowAfterTheFirst() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    EventEnvelope first = customerCreated("c-1", Instant.EPOCH);
    EventEnvelope second = customerCreated("c-2", Instant.EPOCH);
    db.unitOfWork()
        .run(
            () -> {
              outbox.append(first);
              assertThat(outbox.pending(10)).containsExactly(first);
              outbox.append(second);
              return null;
            });
    assertThat(rows(db)).isEqualTo(2);
    assertThat(outbox.pending(10)).containsExactly(first, second);
  }

  @Test
  void aRolledBackUnitOfWorkLeavesNoRow() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    assertThatThrownBy(
            () ->
                db.unitOfWork()
                    .run(
                        () -> {
                          outbox.append(customerCreated("c-1", Instant.EPOCH));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");
    assertThat(rows(db)).isZero();
    db.unitOfWork().run(() -> null);
    assertThat(rows(db)).isZero();
  }

  @Test
  void markingSomeEventsOfARowSentLeavesTheOthersPendingInOrder() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    List<EventEnvelope> appended = appendInOneUnit(db, outbox, 5);
    List<EventEnvelope> read = outbox.pending(10);
    // one read, one failing event passed over: the others are marked, outside a unit of work
    outbox.markSent(List.of(read.get(0).eventId(), read.get(2).eventId(), read.get(4).eventId()));
    assertThat(rows(db)).isEqualTo(1);
    assertThat(outbox.pendingCount()).isEqualTo(2);
    assertThat(outbox.pending(10)).containsExactly(appended.get(1), appended.get(3));
    // ids no read of this outbox handed out are found too
    PostgresOutbox another = new PostgresOutbox(db);
    another.markSent(List.of(appended.get(3).eventId(), UUID.randomUUID()));
    assertThat(outbox.pending(10)).containsExactly(appended.get(1));
    another.markSent(List.of(appended.get(1).eventId()));
    assertThat(rows(db)).isZero();
  }

  @Test
  void aHugeUnitOfWorkIsSplitIntoRowsARelayBatchCanTake() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresOutbox outbox = new PostgresOutbox(db);
    int n = OutboxRows.MAX_EVENTS_A_ROW * 2 + 7;
    List<EventEnvelope> appended = appendInOneUnit(db, outbox, n);
    assertThat(rows(db)).isEqualTo(3);
    assertThat(outbox.pendingCount()).isEqualTo(n);
    List<EventEnvelope> relayed = new ArrayList<>();
    while (relayed.size() < n) {
      List<EventEnvelope> batch = db.unitOfWork().run(() -> outbox.claimAsSent(150));
      assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(OutboxRows.MAX_EVENTS_A_ROW * 2);
      relayed.addAll(batch);
    }
    assertThat(relayed).containsExactlyElementsOf(appended);
  }

  private static List<EventEnvelope> appendInOneUnit(
      PostgresDatabase db, PostgresOutbox outbox, int n) {
    List<EventEnvelope> appended = new ArrayList<>();
    db.unitOfWork()
        .run(
            () -> {
              for (int i = 0; i < n; i++) {
                EventEnvelope e = customerCreated("c-" + i, Instant.EPOCH.plusNanos(i * 1_000L));
                appended.add(e);
                outbox.append(e);
              }
              return null;
            });
    return appended;
  }

  private static EventEnvelope customerCreated(String customer, Instant at) {
    return EventEnvelope.of(
        new DomainEvent.CustomerCreated(StoreId.of("s1"), customer, true), at, "corr-" + customer);
  }

  /** Appends {@code n} customer-created events, {@code c-0} to {@code c-(n-1)}, in order. */
  private static void appendCustomersCreated(PostgresOutbox outbox, int n) {
    for (int i = 0; i < n; i++) {
      outbox.append(
          EventEnvelope.of(
              new DomainEvent.CustomerCreated(StoreId.of("s1"), "c-" + i, false),
              Instant.EPOCH,
              "x"));
    }
  }

  private static long rows(PostgresDatabase db) {
    return db.jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
  }
}
