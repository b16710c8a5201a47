package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.store.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FiscalRecordsTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private RetailEngine engine;
  private List<FiscalDocument> journal;
  private List<Invoice> invoices;
  private List<Sale> sales;

  @BeforeEach
  void twoSales() {
    engine = RetailEngine.builder().build();
    DemoStore.seed(engine);
    sell("till-1:1", "MUG", 2); // 9.98
    sell("till-1:2", "TEE-M", 1); // 19.99
    journal = engine.journal().entries(DemoStore.ID);
    invoices = engine.billing().invoices().list(DemoStore.ID);
    sales = engine.sales().list(DemoStore.ID);
  }

  private void sell(String key, String sku, int quantity) {
    engine.checkout(
        CheckoutRequest.of(
            key,
            BasketRequest.builder(DemoStore.ID).at(NOON).add(sku, quantity).build(),
            new Tender.Cash(Money.of("50.00", "EUR"))),
        Actor.cashier("anna"));
  }

  @Test
  void recordsAsTheEngineWroteThemAgreeWithTheJournal() {
    assertThat(journal).hasSize(2);
    assertThat(invoices).hasSize(2);
    assertThat(FiscalRecords.verify(journal, invoices, sales)).isEmpty();
  }

  @Test
  void anInvoiceWithAnotherTotalIsNamed() {
    Invoice i = invoices.get(1);
    assertThat(i.total()).isEqualTo(Money.of("19.99", "EUR"));
    Invoice altered =
        new Invoice(
            i.number(),
            i.store(),
            i.saleId(),
            i.customerId(),
            i.customerTaxId(),
            i.issuedAt(),
            i.dueAt(),
            Money.of("9.99", "EUR"),
            i.tax(),
            i.taxBreakdown(),
            i.status(),
            i.payments(),
            i.credited());
    List<Invoice> tampered = new ArrayList<>(invoices);
    tampered.set(1, altered);
    assertThat(FiscalRecords.verify(journal, tampered, sales))
        .containsExactly(
            "invoice "
                + i.number()
                + " was altered: total 9.99 EUR where the journal has 19.99 EUR (journal entry 2)");
  }

  @Test
  void aMissingInvoiceAndAMissingSaleAreNamed() {
    String first = invoices.get(0).number();
    assertThat(FiscalRecords.verify(journal, invoices.subList(1, 2), sales.subList(1, 2)))
        .containsExactly(
            "journal entry 1 ("
                + first
                + ") has no invoice: the invoice row was deleted or"
                + " renumbered");
    assertThat(FiscalRecords.verify(journal, invoices, sales.subList(1, 2)))
        .containsExactly(
            "invoice " + first + " is for sale " + sales.get(0).id() + ", which was deleted");
  }

  @Test
  void aSaleWithOtherLinesIsNamed() {
    Sale s = sales.get(0);
    Sale other = sales.get(1);
    // the first sale's row now carries the second sale's basket under its own number
    Sale altered =
        new Sale(
            s.id(),
            s.store(),
            s.number(),
            s.at(),
            s.cashierId(),
            s.customerId(),
            s.shiftId(),
            other.basket(),
            s.tenders(),
            s.tendered(),
            s.change(),
            s.cashRounding(),
            s.pointsPerLine(),
            s.pointsRedeemed(),
            s.journalHash());
    assertThat(FiscalRecords.verify(journal, invoices, List.of(altered, other)))
        .containsExactly(
            "sale "
                + s.number()
                + " was altered: total 19.99 EUR where the journal has 9.98 EUR, tax 3.19 EUR"
                + " where the journal has 1.59 EUR (journal entry 1)",
            "sale "
                + s.number()
                + " was altered: its lines or tenders are not those of journal"
                + " entry 1");
  }
}
