package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TillsTest {

  private final RetailEngine engine = DemoStore.inMemory();
  private final Actor anna = Actor.cashier("anna");

  @Test
  void aCartIsScannedChangedParkedResumedAndCheckedOut() {
    Tills tills = engine.tills();
    String cart = tills.open(DemoStore.ID).id();
    tills.scan(cart, BasketLine.scan("96385074")); // a mug by EAN-8
    tills.scan(cart, BasketLine.scan("2300042012558")); // 1.255 kg of Gouda from the scale
    tills.scan(cart, BasketLine.scan("4006381333931")); // T-shirt
    tills.setQuantity(cart, 0, Quantity.each(3)); // three mugs: 3 for 10.00
    tills.voidLine(cart, 2); // the shirt goes back on the shelf
    tills.attach(cart, Shopper.customer("c-1"));
    tills.coupon(cart, "WELCOME10");
    tills.park(cart);
    assertThatThrownBy(() -> tills.scan(cart, BasketLine.scan("MUG")))
        .hasMessageContaining("is parked");
    assertThat(engine.tills().resume(cart).parked()).isFalse();

    // mugs 10.00 after the bundle; gouda 16.30; 10% off both: 1.00 + 1.63 -> 23.67
    assertThat(tills.price(cart, anna).total()).isEqualTo(Money.of("23.67", "EUR"));
    Sale sale =
        tills.checkout(
            cart,
            "k-1",
            List.of(new Tender.Cash(Money.of("50.00", "EUR"))),
            Optional.empty(),
            anna);
    assertThat(sale.change()).isEqualTo(Money.of("26.33", "EUR"));
    assertThatThrownBy(() -> tills.price(cart, anna)).hasMessageContaining("no cart");
  }

  @Test
  void voidingAnUnpaidSaleBooksNothing() {
    Tills tills = engine.tills();
    String cart = tills.open(DemoStore.ID).id();
    tills.scan(cart, BasketLine.of("MUG", Quantity.each(2)));
    tills.voidCart(cart);
    assertThat(engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("MUG"))).onHand())
        .isEqualByComparingTo("50");
    assertThat(engine.sales().list(DemoStore.ID)).isEmpty();
  }
}
