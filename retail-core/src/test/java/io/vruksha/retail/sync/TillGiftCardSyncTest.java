package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardCode;
import io.vruksha.retail.giftcard.ImportedGiftCard;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gift card spent offline is taken from the centre's card as far as its balance goes (it never
 * goes below zero); what the card could not cover is flagged, never dropped.
 */
class TillGiftCardSyncTest {

  @Test
  void aGiftCardSpentOfflineBeyondItsBalanceAtTheCentreIsTakenToZeroAndTheRestFlagged() {
    RetailEngine till = TillScenarios.till("T01");
    RetailEngine centre = TillScenarios.centre();
    String code = GiftCardCode.generate();
    for (RetailEngine e : List.of(till, centre)) {
      e.giftCards()
          .importCards(
              TillScenarios.DEMO,
              List.of(
                  new ImportedGiftCard(
                      code,
                      TillScenarios.eur("25.00"),
                      TillScenarios.NOON.minus(Duration.ofDays(1)),
                      TillScenarios.NOON.plus(Duration.ofDays(365)))),
              "cards-1",
              TillScenarios.SAM);
    }
    // meanwhile 10.00 of the card is spent online at the centre: 15.00 left there
    BasketRequest tees = BasketRequest.builder(TillScenarios.DEMO).add("TEE-M", 1).build();
    centre.checkout(
        CheckoutRequest.of(
            "c-1",
            tees,
            new Tender.GiftCard(code, TillScenarios.eur("10.00")),
            new Tender.Cash(TillScenarios.eur("9.99"))),
        TillScenarios.ANNA);
    // the till, offline, takes 19.99 of it for a T-shirt (it still saw 25.00)
    till.checkout(
        CheckoutRequest.of("t-1", tees, new Tender.GiftCard(code, TillScenarios.eur("19.99"))),
        TillScenarios.ANNA);

    centre
        .tillSync()
        .accept(TillScenarios.DEMO, "T01", TillDocumentsOf.of(till, TillScenarios.DEMO));

    // 15.00 taken to zero; 19.99 − 15.00 = 4.99 flagged
    GiftCard card = centre.giftCards().list(TillScenarios.DEMO).get(0);
    assertThat(card.balance()).isEqualTo(TillScenarios.eur("0.00"));
    assertThat(centre.tillSync().flags(TillScenarios.DEMO))
        .extracting(TillFlag::describe)
        .containsExactly(
            "gift card spent offline beyond its balance by till T01: "
                + card.maskedCode()
                + " 4.99 EUR (S001-T01-2026-000001)");
  }
}
