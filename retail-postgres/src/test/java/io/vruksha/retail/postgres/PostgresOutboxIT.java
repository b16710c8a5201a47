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
                    h.createQuery("SELECT payload->>'customerId' FROM outbox ORDER BY position")
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
