package io.vruksha.retail.sync;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tills of the demo store that sell offline, and a centre to send their documents to. */
public final class TillScenarios {

  private TillScenarios() {}

  public static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
  public static final StoreId DEMO = DemoStore.ID;
  public static final Actor ANNA = Actor.cashier("anna");
  public static final Actor SAM = Actor.supervisor("sam");
  public static final String[] SKUS = {"MUG", "TEE-M", "COFFEE", "TEE-L"};

  public static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  public static RetailEngine till(String id) {
    RetailEngine till =
        DemoStore.engineBuilder().till(id).clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
    DemoStore.seed(till);
    return till;
  }

  public static RetailEngine centre() {
    RetailEngine centre =
        DemoStore.engineBuilder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
    DemoStore.seed(centre);
    return centre;
  }

  public static Sale sell(
      RetailEngine till, String key, String sku, int pieces, Optional<String> shift) {
    BasketRequest basket = BasketRequest.builder(DEMO).add(sku, pieces).build();
    Money total = till.priceBasket(basket, ANNA).total();
    CheckoutRequest request =
        CheckoutRequest.of(
            key,
            basket,
            key.hashCode() % 2 == 0
                ? new Tender.Cash(total)
                : new Tender.Card(total, "auth-" + key));
    return till.checkout(shift.map(request::inShift).orElse(request), ANNA);
  }

  /** 30 sales (one shift), 2 of them partly returned, the shift closed: 33 documents. */
  public static RetailEngine thirtySalesTwoReturnsAndAShift() {
    RetailEngine till = till("T01");
    Shift shift = till.registers().open(DEMO, "T01", eur("100.00"), ANNA);
    List<Sale> sales = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      sales.add(sell(till, "s-" + i, SKUS[i % SKUS.length], 1 + i % 3, Optional.of(shift.id())));
    }
    till.acceptReturn(
        ReturnRequest.of("r-1", sales.get(4).id(), new ReturnRequest.Item(0, BigDecimal.ONE, true)),
        SAM);
    till.acceptReturn(
        ReturnRequest.of(
            "r-2", sales.get(10).id(), new ReturnRequest.Item(0, BigDecimal.ONE, false)),
        SAM);
    till.registers().close(shift.id(), till.registers().xReport(shift.id()).expectedCash(), SAM);
    return till;
  }

  public static List<TillDocument> slice(List<TillDocument> docs, int from, int to) {
    return docs.subList(from - 1, Math.min(to, docs.size()));
  }
}
