package io.vruksha.retail.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reactions without NATS, drained by hand here: pending events are handled in batches, one unit
 * of work a batch; an event that fails sends its batch through one by one, so the others are
 * handled and it alone is tried three times and then passed over.
 */
class OutboxReactionsTest {

  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-25");

  /** Counts the units of work begun (nested ones join theirs and are not counted). */
  private static final class CountingWork implements UnitOfWork {
    private final InMemoryUnitOfWork inner = new InMemoryUnitOfWork();
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final AtomicInteger units = new AtomicInteger();

    @Override
    public <T> T run(Supplier<T> work) {
      if (depth.get() == 0) {
        units.incrementAndGet();
      }
      depth.set(depth.get() + 1);
      try {
        return inner.run(work);
      } finally {
        depth.set(depth.get() - 1);
      }
    }
  }

  private final CountingWork work = new CountingWork();
  private final RetailEngine engine =
      DemoStore.engineBuilder().unitOfWork(work).reactInProcess(false).build();
  private OutboxReactions local;

  @AfterEach
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  private void saleIn(StoreId store, String id) {
    EventEnvelope e =
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                store,
                id,
                "S-" + id,
                "",
                Money.of("12.34", "EUR"),
                List.of(new DomainEvent.SoldLine("MUG", BigDecimal.ONE, Money.of("12.34", "EUR")))),
            AT,
            id);
    EngineHost.unitOfWork(engine)
        .run(
            () -> {
              EngineHost.outbox(engine).append(e);
              return null;
            });
  }

  private long salesOfTheDay() {
    DailySales d =
        engine.analytics().daily(DemoStore.ID, DAY, DAY).stream().findFirst().orElse(null);
    return d == null ? 0 : d.sales();
  }

  /** Reactions not started (the test drains by hand), with the demo store's own events drained. */
  private OutboxReactions reactions() {
    DemoStore.seed(engine);
    OutboxReactions r =
        OutboxReactions.on(new Reactions(engine, Set.of(Reaction.ANALYTICS)), engine);
    while (r.drainOnce() > 0) {
      // the seed's stock and customer events
    }
    return r;
  }

  @Test
  void aBatchOfSalesIsHandledAndMarkedSentAtOnce() {
    local = reactions();
    for (int i = 0; i < OutboxReactions.BATCH + 50; i++) {
      saleIn(DemoStore.ID, "sale-" + i);
    }

    work.units.set(0);
    assertThat(local.drainOnce()).isEqualTo(OutboxReactions.BATCH);
    assertThat(work.units).hasValue(1); // one unit for the 200 events, not one each
    assertThat(local.drainOnce()).isEqualTo(50);
    assertThat(local.drainOnce()).isZero();

    assertThat(salesOfTheDay()).isEqualTo(OutboxReactions.BATCH + 50);
    assertThat(EngineHost.outbox(engine).pending(10)).isEmpty();
  }

  @Test
  void anEventThatFailsIsTriedThreeTimesAloneWhileTheOthersAreHandledOnce() {
    local = reactions();
    saleIn(DemoStore.ID, "before");
    saleIn(StoreId.of("no-such-store"), "broken"); // the analytics cannot find its time zone
    saleIn(DemoStore.ID, "after");

    local.drainOnce(); // the batch fails and is undone; one by one: two handled, one failure
    assertThat(salesOfTheDay()).isEqualTo(2);
    assertThat(EngineHost.outbox(engine).pending(10))
        .extracting(EventEnvelope::correlationId)
        .containsExactly("broken");

    local.drainOnce(); // second try
    local.drainOnce(); // third: given up and marked sent
    assertThat(EngineHost.outbox(engine).pending(10)).isEmpty();
    assertThat(salesOfTheDay()).isEqualTo(2);

    saleIn(DemoStore.ID, "later");
    assertThat(local.drainOnce()).isEqualTo(1); // batches again
    assertThat(salesOfTheDay()).isEqualTo(3);
  }
}
