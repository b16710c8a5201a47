package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NoReceiptReturnsTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final RetailEngine engine =
      DemoStore.engineBuilder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
  private final Actor manager = new StaffMember("mia", "Mia", DemoStore.ID, Role.MANAGER).actor();

  @Test
  void withoutAReceiptTheLowestRecentPriceIsRefunded() {
    DemoStore.seed(engine);
    // the mug lists at 4.99, but last week three sold for 10.00: 10.00 / 3 = 3.333 -> 3.33 a mug
    engine.checkout(
        CheckoutRequest.of(
            "k-1",
            BasketRequest.builder(DemoStore.ID)
                .at(NOON.minusSeconds(7 * 86_400))
                .add("MUG", 3)
                .build(),
            new Tender.Cash(Money.of("10.00", "EUR"))),
        Actor.cashier("anna"));
    ReturnReceipt r =
        engine
            .noReceiptReturns()
            .accept(DemoStore.ID, Sku.of("MUG"), Quantity.each(1), true, manager);
    // refund 3.33, VAT 3.33 x 19/119 = 0.5317 -> 0.53
    assertThat(r.refund()).isEqualTo(Money.of("3.33", "EUR"));
    assertThat(r.tax()).isEqualTo(Money.of("0.53", "EUR"));
    assertThat(r.creditNoteNumber()).isEqualTo("C001-2026-000001");
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }

  @Test
  void onlyAManagerMayTakeGoodsBackWithoutAReceipt() {
    DemoStore.seed(engine);
    Actor supervisor = new StaffMember("sam", "Sam", DemoStore.ID, Role.SUPERVISOR).actor();
    assertThatThrownBy(
            () ->
                engine
                    .noReceiptReturns()
                    .accept(DemoStore.ID, Sku.of("MUG"), Quantity.each(1), true, supervisor))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("NO_RECEIPT_RETURN");
  }
}
