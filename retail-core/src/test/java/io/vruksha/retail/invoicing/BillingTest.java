package io.vruksha.retail.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillingTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private final RetailEngine engine = DemoStore.inMemory();

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void aBusinessInvoiceIsPaidInPartsAndThenInFull() {
    engine
        .customers()
        .create(DemoStore.ID, Customer.of("acme", "ACME GmbH", NOON).withTaxId("DE811907980"));
    Invoice invoice =
        engine
            .billing()
            .issue(
                CustomerId.of("acme"),
                BasketRequest.builder(DemoStore.ID).at(NOON).add("TEE-M", 10).build(),
                Duration.ofDays(30),
                Actor.cashier("anna"));
    // 10 x 19.99 = 199.90, over the 100.00 tier of "spend 50, save 5": 12.00 off -> 187.90;
    // VAT 187.90 x 19/119 = 30.0008 -> 30.00
    assertThat(invoice.number()).isEqualTo("B001-2026-000001");
    assertThat(invoice.customerTaxId()).contains("DE811907980");
    assertThat(invoice.total()).isEqualTo(eur("187.90"));
    assertThat(invoice.tax()).isEqualTo(eur("30.00"));
    assertThat(invoice.status()).isEqualTo(Invoice.Status.ISSUED);
    assertThat(invoice.dueAt()).isEqualTo(NOON.plus(Duration.ofDays(30)));

    Invoice part =
        engine.billing().pay(DemoStore.ID, invoice.number(), eur("100.00"), "transfer", "bank-1");
    assertThat(part.status()).isEqualTo(Invoice.Status.PARTIALLY_PAID);
    assertThat(part.outstanding()).isEqualTo(eur("87.90"));
    assertThatThrownBy(
            () ->
                engine
                    .billing()
                    .pay(DemoStore.ID, invoice.number(), eur("100.00"), "transfer", "bank-2"))
        .hasMessageContaining("87.90 EUR outstanding");
    assertThat(
            engine
                .billing()
                .pay(DemoStore.ID, invoice.number(), eur("87.90"), "transfer", "bank-2")
                .status())
        .isEqualTo(Invoice.Status.PAID);
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }

  @Test
  void aB2bInvoiceNeedsTheCustomersTaxId() {
    engine.customers().create(DemoStore.ID, Customer.of("joe", "Joe", NOON));
    assertThatThrownBy(
            () ->
                engine
                    .billing()
                    .issue(
                        CustomerId.of("joe"),
                        BasketRequest.builder(DemoStore.ID).add("MUG", 1).build(),
                        Duration.ofDays(14),
                        Actor.cashier("a")))
        .hasMessageContaining("has no tax id");
  }

  @Test
  void aTillSaleIsInvoicedPaidAndCreditedByItsReturns() {
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                BasketRequest.builder(DemoStore.ID).at(NOON).add("MUG", 1).build(),
                new Tender.Card(eur("4.99"), "auth")),
            Actor.cashier("anna"));
    Invoice invoice = engine.billing().invoices().forSale(sale.id()).orElseThrow();
    assertThat(invoice.status()).isEqualTo(Invoice.Status.PAID);
    assertThat(invoice.payments())
        .singleElement()
        .satisfies(p -> assertThat(p.method()).isEqualTo("CARD"));
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
            .at(NOON),
        Actor.supervisor("sam"));
    assertThat(engine.billing().invoices().find(DemoStore.ID, sale.number()).orElseThrow().status())
        .isEqualTo(Invoice.Status.CREDITED);
  }
}
