package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Actor;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A till pulls the demo store's reference data from a real centre (the server, in memory): it then
 * prices as the centre does; pulling again downloads nothing until something changes, and then
 * writes only what changed.
 */
class ReferenceDataTest {

  private RetailServer centre;
  private RetailEngine till;
  private ReferenceData reference;

  @BeforeEach
  void start() {
    centre =
        RetailServer.start(
            ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
                .withPort(0),
            Map.of());
    CentreClient client =
        new CentreClient(
            URI.create("http://127.0.0.1:" + centre.port()), centre.demoToken().orElseThrow());
    till = RetailEngine.builder().till("T01").build();
    reference = new ReferenceData(till, DemoStore.ID, client, Optional.empty());
  }

  @AfterEach
  void stop() {
    centre.close();
  }

  private static BasketRequest basket() {
    return BasketRequest.builder(DemoStore.ID)
        .add("MUG", 3)
        .add("COFFEE", 2)
        .add("TEE-M", 1)
        .build();
  }

  private void setCentrePrice(String sku, String price) {
    centre
        .engine()
        .useStore(
            DemoStore.ID,
            () ->
                centre
                    .engine()
                    .priceBook()
                    .setPrice(
                        PriceListId.of("retail"),
                        Sku.of(sku),
                        UnitPrice.of(price, "EUR"),
                        Instant.now(),
                        "head office"));
  }

  @Test
  void anEmptyTillPullsTheStoreAndThenPricesAsTheCentreDoes() {
    ReferenceData.Pulled pulled = reference.pull();

    assertThat(pulled.downloaded()).isTrue();
    assertThat(pulled.version()).matches("[0-9a-f]{64}");
    assertThat(reference.version()).contains(pulled.version());
    assertThat(till.stores().find(DemoStore.ID))
        .isEqualTo(centre.engine().stores().find(DemoStore.ID));
    assertThat(till.taxRules().jurisdictionOf(DemoStore.ID))
        .isEqualTo(centre.engine().taxRules().jurisdictionOf(DemoStore.ID));
    assertThat(till.promotions().active(DemoStore.ID))
        .isEqualTo(centre.engine().promotions().active(DemoStore.ID));
    // 3 mugs for 10.00, two coffees with the second half price, a T-shirt: the same total at both
    Actor anna = Actor.cashier("anna");
    assertThat(till.priceBasket(basket(), anna).total())
        .isEqualTo(centre.engine().priceBasket(basket(), anna).total());
  }

  @Test
  void pullingAgainDownloadsNothingUntilAPriceChangesAndThenWritesOnlyThatPrice() {
    String first = reference.pull().version();

    ReferenceData.Pulled again = reference.pull();
    assertThat(again.downloaded()).isFalse();
    assertThat(again.version()).isEqualTo(first);
    assertThat(again.written()).isZero();

    setCentrePrice("MUG", "5.49");
    ReferenceData.Pulled changed = reference.pull();

    assertThat(changed.downloaded()).isTrue();
    assertThat(changed.version()).isNotEqualTo(first);
    assertThat(changed.written()).as("the one price, nothing else").isEqualTo(1);
    assertThat(till.priceBook().history(Sku.of("MUG"))).hasSize(2);
    assertThat(till.priceBook().entries(Sku.of("MUG"), DemoStore.ID, DemoStore.EUR).get(0).price())
        .isEqualTo(UnitPrice.of("5.49", "EUR"));
    assertThat(reference.pull().downloaded()).isFalse();
  }

  @Test
  void aPromotionTheCentreEndsIsRemovedFromTheTill() {
    reference.pull();
    PromotionId mugs = PromotionId.of("mugs-3-for-10");
    assertThat(till.promotions().find(mugs)).isPresent();

    centre.engine().promotions().remove(mugs);
    centre.engine().promotionsChanged();
    ReferenceData.Pulled pulled = reference.pull();

    assertThat(pulled.promotionsRemoved()).isEqualTo(1);
    assertThat(till.promotions().find(mugs)).isEmpty();
    // 3 × 4.99 = 14.97 without the deal
    assertThat(
            till.priceBasket(
                    BasketRequest.builder(DemoStore.ID).add("MUG", 3).build(),
                    Actor.cashier("anna"))
                .total()
                .amount())
        .isEqualByComparingTo("14.97");
  }
}
