package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.work.UnitOfWork;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineFacadeTest {

  private static final StockKey MUG = StockKey.floor(DemoStore.ID, Sku.of("MUG"));

  @Test
  void theFacadeHandsOutUseCasesNotTheOutboxTheUnitOfWorkOrTheCouponLedger() {
    Set<Class<?>> raw = Set.of(Outbox.class, UnitOfWork.class, CouponLedger.class);
    assertThat(
            Arrays.stream(RetailEngine.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> raw.contains(m.getReturnType()))
                .map(Method::getName))
        .isEmpty();
  }

  @Test
  void theHostGetsThePortsTheEngineWasBuiltWith() {
    UnitOfWork work = new InMemoryUnitOfWork();
    Outbox outbox = new InMemoryOutbox();
    RetailEngine engine = RetailEngine.builder().unitOfWork(work).outbox(outbox).build();
    assertThat(EngineHost.unitOfWork(engine)).isSameAs(work);
    assertThat(EngineHost.outbox(engine)).isSameAs(outbox);
  }

  @Test
  void callsGroupedInAStoreCommitTogetherOrNotAtAll() {
    // the events stay in the outbox to be counted
    RetailEngine engine = DemoStore.engineBuilder().reactInProcess(false).build();
    DemoStore.seed(engine);
    BigDecimal before = engine.stock().ledger().level(MUG).onHand();
    long eventsBefore = engine.pendingEvents();

    assertThatThrownBy(
            () ->
                engine.useStore(
                    DemoStore.ID,
                    () -> {
                      engine.stock().receive(MUG, new BigDecimal("5"), "delivery 1");
                      engine.stock().receive(MUG, new BigDecimal("7"), "delivery 2");
                      throw new IllegalStateException("the delivery note was wrong");
                    }))
        .hasMessage("the delivery note was wrong");
    assertThat(engine.stock().ledger().level(MUG).onHand()).isEqualByComparingTo(before);
    assertThat(engine.pendingEvents()).isEqualTo(eventsBefore);

    // 5 + 7 received in one unit: both, and their two stock events
    BigDecimal after =
        engine.inStore(
            DemoStore.ID,
            () -> {
              engine.stock().receive(MUG, new BigDecimal("5"), "delivery 1");
              engine.stock().receive(MUG, new BigDecimal("7"), "delivery 2");
              return engine.stock().ledger().level(MUG).onHand();
            });
    assertThat(after).isEqualByComparingTo(before.add(new BigDecimal("12")));
    assertThat(engine.pendingEvents()).isGreaterThanOrEqualTo(eventsBefore + 2);
  }
}
