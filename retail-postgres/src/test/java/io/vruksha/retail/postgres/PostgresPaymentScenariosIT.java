package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentScenarios;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.payment.simulated.SimulatedProvider;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The payment scenarios on PostgreSQL (each test on a database of its own; a restart is a new
 * engine on the same database), plus one callback delivered by eight threads of two processes at
 * once.
 */
class PostgresPaymentScenariosIT extends PaymentScenarios {

  private PostgresDatabase db;

  @Override
  protected RetailEngine.Builder adapters() {
    db = TestDatabase.fresh();
    return PostgresAdapters.use(db, DemoStore.engineBuilder());
  }

  @Override
  protected RetailEngine restarted() {
    return PostgresAdapters.use(db, DemoStore.engineBuilder())
        .clock(clock)
        .paymentProviders(providers())
        .build();
  }

  @Test
  void oneCallbackDeliveredByEightThreadsOfTwoProcessesCompletesOneSale() throws Exception {
    RetailEngine other = restarted();
    PendingCheckout pc =
        engine
            .payments()
            .begin(
                CheckoutRequest.of(
                    "k-race",
                    BasketRequest.builder(DemoStore.ID).add("TEE-M", 2).build(),
                    new Tender.Provider(TenderKind.BNPL, Money.of("39.98", "EUR"), "")),
                Actor.cashier("anna"));
    Payment p = engine.payments().payments().ofCheckout(DemoStore.ID, pc.id()).get(0);
    SimulatedProvider.Callback approved = bnpl.change(p.id(), PaymentState.AUTHORIZED, "");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PendingCheckout>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        RetailEngine e = i % 2 == 0 ? engine : other;
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  return e.payments()
                      .callback(DemoStore.ID, "sim-bnpl", approved.body(), approved.signature());
                }));
      }
      start.countDown();
      for (Future<PendingCheckout> f : all) {
        assertThat(f.get().status()).isEqualTo(PendingCheckout.Status.COMPLETED);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(engine.sales().list(DemoStore.ID)).hasSize(1);
    assertThat(bnpl.captures()).isEqualTo(1);
    assertThat(engine.journal().entries(DemoStore.ID)).hasSize(1);
  }
}
