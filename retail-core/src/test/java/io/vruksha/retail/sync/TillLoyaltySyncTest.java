package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Points a till redeemed offline beyond what the centre's balance still holds are booked all the
 * same (the customer had them at the till) and the shortfall is flagged, never dropped.
 */
class TillLoyaltySyncTest {

  private static Sale sell(RetailEngine engine, String key, BasketRequest basket, Tender... t) {
    return engine.checkout(CheckoutRequest.of(key, basket, t), TillScenarios.ANNA);
  }

  @Test
  void pointsRedeemedOfflineBeyondTheCentresBalanceAreBookedAndTheShortfallFlagged() {
    RetailEngine till = TillScenarios.till("T01");
    RetailEngine centre = TillScenarios.centre();
    for (RetailEngine e : List.of(till, centre)) {
      e.customers().create(TillScenarios.DEMO, Customer.of("joe", "Joe", TillScenarios.NOON));
    }
    BasketRequest shirts =
        BasketRequest.builder(TillScenarios.DEMO)
            .shopper(Shopper.customer("joe"))
            .add("TEE-M", 15)
            .build();
    Sale earned =
        sell(
            till,
            "t-1",
            shirts,
            new Tender.Cash(till.priceBasket(shirts, TillScenarios.ANNA).total()));
    BasketRequest mug =
        BasketRequest.builder(TillScenarios.DEMO)
            .shopper(Shopper.customer("joe"))
            .add("MUG", 1)
            .build();
    // 200 points are worth 2.00; 4.99 − 2.00 = 2.99 in cash
    Sale redeemed =
        sell(till, "t-2", mug, new Tender.Points(200), new Tender.Cash(TillScenarios.eur("2.99")));
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);

    centre.tillSync().accept(TillScenarios.DEMO, "T01", docs.subList(0, 1));
    long p1 = earned.pointsEarned();
    assertThat(p1).isEqualTo(241);
    assertThat(centre.loyalty().orElseThrow().balance("joe")).isEqualTo(p1);
    // meanwhile joe spends 100 of them online at the centre: 241 − 100 = 141 left there
    BasketRequest coffee =
        BasketRequest.builder(TillScenarios.DEMO)
            .shopper(Shopper.customer("joe"))
            .add("COFFEE", 1)
            .build();
    Sale online =
        sell(
            centre,
            "c-1",
            coffee,
            new Tender.Points(100),
            new Tender.Cash(TillScenarios.eur("5.49")));
    long centreBefore = p1 - 100 + online.pointsEarned();

    TillReceipt r = centre.tillSync().accept(TillScenarios.DEMO, "T01", docs);
    assertThat(r.received()).isEqualTo(1);
    assertThat(r.duplicates()).isEqualTo(1);
    // the 200 redeemed offline are taken even so, and what the centre's balance lacked is flagged
    long shortfall = 200 - centreBefore;
    assertThat(shortfall).isPositive();
    assertThat(centre.loyalty().orElseThrow().balance("joe"))
        .isEqualTo(centreBefore - 200 + redeemed.pointsEarned());
    assertThat(centre.tillSync().flags(TillScenarios.DEMO))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(TillFlag.Kind.POINTS_SHORT);
              assertThat(f.subject()).isEqualTo("joe");
              assertThat(f.figure()).isEqualTo(Long.toString(shortfall));
              assertThat(f.document()).isEqualTo("S001-T01-2026-000002");
            });
  }
}
