package io.vruksha.retail.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.ProductStatus;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class PurchasingTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final RetailEngine engine =
      DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).build();

  private List<DomainEvent.StockLow> lows() {
    return outbox.pending(1_000).stream()
        .map(EventEnvelope::payload)
        .filter(DomainEvent.StockLow.class::isInstance)
        .map(DomainEvent.StockLow.class::cast)
        .toList();
  }

  @Test
  void aSubCentProductCostIsReorderedAndReceivedAndThenCostsWhatTheOrderAgreed() {
    DemoStore.seed(engine);
    // the mug's cost on file is finer than the cent: 1.6849
    Product mug =
        engine
            .catalog()
            .product(engine.catalog().item(Sku.of("MUG")).orElseThrow().product())
            .orElseThrow();
    engine
        .catalog()
        .save(
            new Product(
                mug.id(),
                mug.name(),
                mug.category(),
                mug.taxCategory(),
                mug.status(),
                mug.variants().stream()
                    .map(v -> v.withCost(UnitPrice.of("1.6849", "EUR")))
                    .toList()));
    assertThat(engine.catalog().item(Sku.of("MUG")).orElseThrow().cost())
        .contains(UnitPrice.of("1.6849", "EUR"));
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln",
                "Kiln & Co",
                Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5))));
    // 41 mugs leave 9 < 10: low
    engine.checkout(
        CheckoutRequest.of(
            "k-1",
            BasketRequest.builder(DemoStore.ID).add("MUG", 41).build(),
            new Tender.Cash(Money.of("1000.00", "EUR"))),
        Actor.cashier("anna"));
    lows().forEach(engine.purchasing()::onLowStock);
    PurchaseOrder order =
        engine.purchasing().procurement().orders(DemoStore.ID).stream()
            .filter(o -> o.supplierId().equals("kiln"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no order drafted for the low mugs"));
    engine.purchasing().approve(order.id(), Actor.supervisor("max"));
    engine.purchasing().send(order.id());
    engine.purchasing().receive(order.id(), Map.of(Sku.of("MUG"), new BigDecimal("40")));

    assertThat(engine.catalog().item(Sku.of("MUG")).orElseThrow().cost())
        .contains(UnitPrice.of("1.70", "EUR"));
  }

  @Test
  void lowStockDraftsOneOrderPerSupplierThatIsApprovedSentAndReceivedInPart() {
    DemoStore.seed(engine);
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln",
                "Kiln & Co",
                Map.of(
                    Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5),
                    Sku.of("TEE-M"), new Supplier.Item(Money.of("6.00", "EUR"), 10))));
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "pricey",
                "Pricey Ltd",
                Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("2.10", "EUR"), 2))));
    engine
        .stock()
        .ledger()
        .setReorderRule(
            new ReorderRule(
                StockKey.floor(DemoStore.ID, Sku.of("TEE-M")),
                new BigDecimal("5"),
                new BigDecimal("12")));

    // 41 mugs leave 9 < 10: low; 16 shirts leave 4 < 5: low
    engine.checkout(
        CheckoutRequest.of(
            "k-1",
            BasketRequest.builder(DemoStore.ID).add("MUG", 41).add("TEE-M", 16).build(),
            new Tender.Cash(Money.of("1000.00", "EUR"))),
        Actor.cashier("anna"));
    List<DomainEvent.StockLow> lows = lows();
    assertThat(lows).hasSize(2);
    lows.forEach(engine.purchasing()::onLowStock);

    // one draft with the cheaper supplier holding both lines
    List<PurchaseOrder> orders = engine.purchasing().procurement().orders(DemoStore.ID);
    assertThat(orders)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.supplierId()).isEqualTo("kiln");
              assertThat(o.status()).isEqualTo(PurchaseOrder.Status.DRAFTED);
              assertThat(o.lines())
                  .extracting(PurchaseOrder.Line::sku, PurchaseOrder.Line::ordered)
                  .containsExactly(
                      Tuple.tuple(Sku.of("MUG"), new BigDecimal("40")),
                      Tuple.tuple(Sku.of("TEE-M"), new BigDecimal("12")));
            });
    String id = orders.get(0).id();
    assertThatThrownBy(() -> engine.purchasing().approve(id, Actor.cashier("anna")))
        .isInstanceOf(PermissionDeniedException.class);
    engine.purchasing().approve(id, Actor.supervisor("max"));
    engine.purchasing().send(id);

    PurchaseOrder part =
        engine.purchasing().receive(id, Map.of(Sku.of("MUG"), new BigDecimal("30")));
    assertThat(part.status()).isEqualTo(PurchaseOrder.Status.PARTIALLY_RECEIVED);
    // 50 - 41 + 30 = 39 mugs; the mug now costs what the order agreed
    assertThat(engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("MUG"))).onHand())
        .isEqualByComparingTo("39");
    assertThat(engine.catalog().item(Sku.of("MUG")).orElseThrow().cost())
        .contains(UnitPrice.of("1.70", "EUR"));
    assertThatThrownBy(
            () -> engine.purchasing().receive(id, Map.of(Sku.of("MUG"), new BigDecimal("11"))))
        .hasMessage("MUG: 10 still expected, 11 received");
    PurchaseOrder done =
        engine
            .purchasing()
            .receive(
                id, Map.of(Sku.of("MUG"), BigDecimal.TEN, Sku.of("TEE-M"), new BigDecimal("12")));
    assertThat(done.status()).isEqualTo(PurchaseOrder.Status.RECEIVED);

    // a discontinued product sells through but is never reordered
    engine
        .catalog()
        .save(
            engine
                .catalog()
                .product(ProductId.of("mug"))
                .orElseThrow()
                .withStatus(ProductStatus.DISCONTINUED));
    assertThat(engine.purchasing().onLowStock(lows.get(0))).isEmpty();
  }
}
