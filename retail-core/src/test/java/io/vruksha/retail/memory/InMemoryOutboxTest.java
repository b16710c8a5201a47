package io.vruksha.retail.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the in-memory outbox's undo does when units of work share it. */
class InMemoryOutboxTest {

  private static final StoreId S = StoreId.of("s1");

  private static EventEnvelope created(String customer) {
    return EventEnvelope.of(
        new DomainEvent.CustomerCreated(S, customer, false),
        Instant.parse("2026-11-25T10:00:00Z"),
        customer);
  }

  @Test
  void anEventWhoseAppendRolledBackIsNotBroughtBackByAnotherUnitsRollback() throws Exception {
    InMemoryOutbox outbox = new InMemoryOutbox();
    EventEnvelope kept = created("kept");
    outbox.append(kept);
    EventEnvelope dropped = created("dropped");
    // two units of work of their own (two engines' worth) on one outbox, on two threads
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch claimed = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                assertThatThrownBy(
                        () ->
                            new InMemoryUnitOfWork()
                                .run(
                                    () -> {
                                      outbox.append(dropped);
                                      appended.countDown();
                                      await(claimed);
                                      throw new IllegalStateException("the sale failed");
                                    }))
                    .hasMessage("the sale failed"));
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(
            () ->
                new InMemoryUnitOfWork()
                    .run(
                        () -> {
                          assertThat(outbox.claimAsSent(10)).containsExactly(kept, dropped);
                          claimed.countDown();
                          writer.join(); // the sale's unit rolls back first
                          throw new IllegalStateException("NATS did not acknowledge");
                        }))
        .hasMessage("NATS did not acknowledge");
    // the relay's rollback puts back what it claimed, except the event that never committed
    assertThat(outbox.pending(10)).containsExactly(kept);
    assertThat(outbox.all()).containsExactly(kept);
  }

  @Test
  void aMarkUndoneGivesEventsBackTheirPlaces() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    List<EventEnvelope> events = List.of(created("a"), created("b"), created("c"));
    events.forEach(outbox::append);
    InMemoryUnitOfWork work = new InMemoryUnitOfWork();
    assertThatThrownBy(
            () ->
                work.run(
                    () -> {
                      outbox.markSent(List.of(events.get(1).eventId()));
                      outbox.markSent(List.of(events.get(0).eventId()));
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");
    assertThat(outbox.pending(10)).containsExactlyElementsOf(events);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
