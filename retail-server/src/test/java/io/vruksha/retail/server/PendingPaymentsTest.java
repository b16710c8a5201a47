package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.server.api.PaymentApi;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Actor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's payment providers follow the flags, and its re-check completes and releases pending
 * checkouts with no callback at all (the demo's simulated customers decide after two seconds).
 */
class PendingPaymentsTest {

  private static RetailEngine demo(Map<String, String> env) {
    RetailEngine engine = DemoStore.inMemory();
    PendingPayments.register(engine, env, true);
    return engine;
  }

  private static PendingCheckout begin(RetailEngine engine, String key, String instrument) {
    // 2 T-shirts at 19.99 = 39.98: 10.00 in cash, 29.98 by BNPL
    return engine
        .payments()
        .begin(
            CheckoutRequest.of(
                key,
                BasketRequest.builder(DemoStore.ID).add("TEE-M", 2).build(),
                new Tender.Cash(Money.of("10.00", "EUR")),
                new Tender.Provider(TenderKind.BNPL, Money.of("29.98", "EUR"), instrument)),
            Actor.cashier("anna"));
  }

  @Test
  void theRecheckCompletesAnApprovedAndReleasesADeclinedCheckoutWithoutCallbacks()
      throws Exception {
    RetailEngine engine = demo(Map.of());
    PendingCheckout approved = begin(engine, "k-1", SimulatedBnpl.AUTO_APPROVE);
    PendingCheckout declined = begin(engine, "k-2", SimulatedBnpl.AUTO_DECLINE);
    assertThat(PendingPayments.recheck(engine)).isZero();

    Thread.sleep(SimulatedBnpl.DECISION_DELAY.toMillis() + 100);

    assertThat(PendingPayments.recheck(engine)).isEqualTo(2);
    assertThat(engine.payments().find(DemoStore.ID, approved.id()).status())
        .isEqualTo(PendingCheckout.Status.COMPLETED);
    assertThat(engine.payments().find(DemoStore.ID, declined.id()).status())
        .isEqualTo(PendingCheckout.Status.RELEASED);
    assertThat(engine.sales().list(DemoStore.ID)).hasSize(1);
  }

  @Test
  void withEnableBnplOffABnplTenderIsRefusedNamingTheFlag() {
    RetailEngine engine = demo(Map.of("ENABLE_BNPL", "false"));

    assertThatThrownBy(() -> begin(engine, "k-1", ""))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INVALID))
        .hasMessageContaining("ENABLE_BNPL is off");
  }

  @Test
  void theSimulatorsWithADatabaseNeedACallbackSecret() {
    RetailEngine engine = DemoStore.inMemory();

    assertThatThrownBy(
            () -> PendingPayments.register(engine, Map.of("PAYMENT_SIMULATORS", "true"), false))
        .hasMessageContaining("PAYMENT_CALLBACK_SECRET is required");
    assertThatThrownBy(() -> PendingPayments.register(engine, Map.of("ENABLE_BNPL", "maybe"), true))
        .hasMessageContaining("ENABLE_BNPL=maybe is not a flag");
    // with a database and no simulators, nothing is registered: no provider takes the money
    PendingPayments.register(engine, Map.of(), false);
    assertThat(engine.payments().providers().isEmpty()).isTrue();
  }

  @Test
  void theCallbackIsTheOnlyStoreRouteThatTakesNoToken() {
    assertThat(
            RetailServer.apiRoutes(null).stream()
                .filter(r -> r.path().contains("{storeId}"))
                .filter(r -> r.access() == ApiRoute.Access.PUBLIC)
                .map(r -> r.method() + " " + r.path()))
        .containsExactly("POST " + PaymentApi.CALLBACK_PATH);
  }
}
