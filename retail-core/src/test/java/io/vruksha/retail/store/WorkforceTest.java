package io.vruksha.retail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkforceTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final RetailEngine engine =
      DemoStore.engineBuilder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();

  @Test
  void rolesGrantTheirPermissionsAndTheEngineChecksThem() {
    DemoStore.seed(engine);
    StaffMember anna = new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER);
    StaffMember sam = new StaffMember("sam", "Sam", DemoStore.ID, Role.SUPERVISOR);
    BasketRequest overridden =
        BasketRequest.builder(DemoStore.ID)
            .add(
                BasketLine.of("MUG", Quantity.each(1))
                    .withPriceOverride(UnitPrice.of("3.00", "EUR")))
            .build();
    assertThatThrownBy(() -> engine.priceBasket(overridden, anna.actor()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(engine.priceBasket(overridden, sam.actor()).total())
        .isEqualTo(Money.of("3.00", "EUR"));
    assertThat(Role.SUPERVISOR.permissions())
        .doesNotContain(Permission.SELL_BELOW_COST, Permission.NO_RECEIPT_RETURN);
    assertThat(Role.MANAGER.permissions()).contains(Permission.NO_RECEIPT_RETURN);
  }

  @Test
  void clockingInTwiceIsRefusedAndSalesAreAttributedToTheCashier() {
    DemoStore.seed(engine);
    engine.workforce().staff().save(new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER));
    engine.workforce().clockIn("anna");
    assertThatThrownBy(() -> engine.workforce().clockIn("anna"))
        .hasMessage("anna is already clocked in");
    assertThat(engine.workforce().clockOut("anna").out()).contains(NOON);
    assertThatThrownBy(() -> engine.workforce().clockOut("anna"))
        .hasMessage("anna is not clocked in");

    engine.checkout(
        CheckoutRequest.of(
            "k-1",
            BasketRequest.builder(DemoStore.ID).add("TEE-M", 1).build(),
            new Tender.Cash(Money.of("20.00", "EUR"))),
        Actor.cashier("anna"));
    // 19.99 incl. 19% VAT -> net 16.80
    assertThat(
            engine
                .workforce()
                .salesByCashier(DemoStore.ID, NOON.minusSeconds(1), NOON.plusSeconds(1)))
        .containsEntry("anna", Money.of("16.80", "EUR"));
  }
}
