package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.PaymentProviders;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retail reconcile payments}: a provider's settlement file against our payments. */
class ReconcilePaymentsIT {

  @TempDir Path dir;

  private final SimulatedBnpl bnpl =
      new SimulatedBnpl("a-secret-of-sixteen-or-more", Clock.systemUTC());

  /** Two BNPL sales: one kept, one with one of its two T-shirts returned; one declined. */
  private PostgresDatabase day() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine =
        PostgresAdapters.use(db, DemoStore.engineBuilder())
            .paymentProviders(new PaymentProviders().register(TenderKind.BNPL, bnpl))
            .build();
    DemoStore.seed(engine);
    Actor anna = Actor.cashier("anna");
    List<String> sales = new ArrayList<>();
    for (String key : List.of("k-1", "k-2", "k-3")) {
      PendingCheckout pc =
          engine
              .payments()
              .begin(
                  CheckoutRequest.of(
                      key,
                      BasketRequest.builder(DemoStore.ID).add("TEE-M", 2).build(),
                      new Tender.Provider(TenderKind.BNPL, Money.of("39.98", "EUR"), "")),
                  anna);
      String id = engine.payments().paymentsOf(DemoStore.ID, pc.id()).get(0).id();
      var c =
          bnpl.change(id, key.equals("k-3") ? PaymentState.DECLINED : PaymentState.AUTHORIZED, "");
      PendingCheckout after =
          engine.payments().callback(DemoStore.ID, "sim-bnpl", c.body(), c.signature());
      after.saleId().ifPresent(sales::add);
    }
    engine.acceptReturn(
        ReturnRequest.of("r-1", sales.get(1), new ReturnRequest.Item(0, BigDecimal.ONE, true)),
        Actor.supervisor("max"));
    return db;
  }

  private Path settlement(List<String[]> rows) throws Exception {
    StringBuilder b = new StringBuilder("key,reference,amount,currency,state,refunded\n");
    for (String[] r : rows) {
      b.append(String.join(",", r)).append('\n');
    }
    Path file = dir.resolve("settlement.csv");
    Files.writeString(file, b.toString());
    return file;
  }

  @Test
  void theProvidersFileMatchesOurPayments() throws Exception {
    PostgresDatabase db = day();
    Path file = settlement(bnpl.settlement());

    CliRun run =
        CliRun.run(
            CliRun.env(db),
            "reconcile",
            "payments",
            "--store",
            "demo",
            "--provider",
            "sim-bnpl",
            "--format",
            "csv",
            file.toString());

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.csv()).hasSize(3).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("OK"));
    // 39.98 captured, 19.99 of it refunded for the returned T-shirt
    assertThat(run.row("refunded", "19.99")).containsEntry("provider_refunded", "19.99");
  }

  @Test
  void aDifferenceOrAPaymentWeDoNotKnowExitsWithOne() throws Exception {
    PostgresDatabase db = day();
    List<String[]> rows = new ArrayList<>(bnpl.settlement());
    // the provider says it refunded less than we booked, and settled a payment we never took
    rows.set(1, new String[] {rows.get(1)[0], rows.get(1)[1], "39.98", "EUR", "CAPTURED", "9.99"});
    rows.add(new String[] {"", "sim-bnpl_999999", "5.00", "EUR", "CAPTURED", "0"});
    Path file = settlement(rows);

    CliRun run =
        CliRun.run(
            CliRun.env(db),
            "reconcile",
            "payments",
            "--store",
            "demo",
            "--provider",
            "sim-bnpl",
            file.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("payments of sim-bnpl of demo: 2 discrepancies")
        .contains("refunded 19.99 EUR here, 9.99 EUR at the provider")
        .contains("sim-bnpl_999999");
  }
}
