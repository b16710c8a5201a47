package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.memory.InMemoryTillLedger;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TillSyncTest {

  @Test
  void twoTillsOfOneStoreNumberEachTheirOwnSeriesWithoutGaps() {
    RetailEngine t1 = TillScenarios.till("T01");
    RetailEngine t2 = TillScenarios.till("T02");
    for (int i = 1; i <= 3; i++) {
      TillScenarios.sell(t1, "a-" + i, "MUG", 1, Optional.empty());
      TillScenarios.sell(t2, "b-" + i, "MUG", 1, Optional.empty());
    }
    Sale last = TillScenarios.sell(t2, "b-4", "MUG", 1, Optional.empty());
    assertThat(t1.sales().list(TillScenarios.DEMO))
        .extracting(Sale::number)
        .containsExactly("S001-T01-2026-000001", "S001-T01-2026-000002", "S001-T01-2026-000003");
    assertThat(last.number()).isEqualTo("S001-T02-2026-000004");
    String credit =
        t1.acceptReturn(
                ReturnRequest.of(
                    "r",
                    t1.sales().list(TillScenarios.DEMO).get(0).id(),
                    new ReturnRequest.Item(0, BigDecimal.ONE, true)),
                TillScenarios.SAM)
            .creditNoteNumber();
    assertThat(credit).isEqualTo("C001-T01-2026-000001");
    Shift shift =
        t2.registers()
            .open(TillScenarios.DEMO, "T02", TillScenarios.eur("50.00"), TillScenarios.ANNA);
    assertThat(
            t2.registers()
                .close(shift.id(), TillScenarios.eur("50.00"), TillScenarios.SAM)
                .number())
        .contains("Z001-T02-2026-000001");
    t1.customers()
        .create(
            TillScenarios.DEMO,
            Customer.of("acme", "ACME GmbH", TillScenarios.NOON).withTaxId("DE811907980"));
    Invoice b2b =
        t1.billing()
            .issue(
                CustomerId.of("acme"),
                BasketRequest.builder(TillScenarios.DEMO).add("TEE-M", 2).build(),
                Duration.ofDays(30),
                TillScenarios.ANNA);
    assertThat(b2b.number()).isEqualTo("B001-T01-2026-000001");
    assertThat(t1.till()).contains("T01");
    assertThat(TillScenarios.centre().till()).isEmpty();
    assertThat(t1.journal().verify(TillScenarios.DEMO)).isEmpty();
    assertThat(t2.journal().verify(TillScenarios.DEMO)).isEmpty();
    assertThat(t2.journal().entries(TillScenarios.DEMO)).hasSize(5);
    // 3 sales, a credit note and the B2B invoice: one chain, gapless per series
    assertThat(t1.journal().entries(TillScenarios.DEMO)).hasSize(5);
  }

  @Test
  void aTillIdIsOneToEightLettersOrDigits() {
    for (String bad : new String[] {"", "T-01", "TILL00001", "T 1", "Tü"}) {
      assertThatThrownBy(() -> RetailEngine.builder().till(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("1 to 8 letters or digits");
    }
    assertThat(RetailEngine.builder().till("TILL0001").build().till()).contains("TILL0001");
  }

  @Test
  void batchesSentTwiceOrOverlappingReachTheCentreExactlyOnce() {
    RetailEngine till = TillScenarios.thirtySalesTwoReturnsAndAShift();
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    assertThat(docs).hasSize(33);
    RetailEngine centre = TillScenarios.centre();
    TillSync sync = centre.tillSync();

    TillReceipt first = sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 1, 7));
    TillReceipt second = sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 8, 14));
    TillReceipt again = sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 8, 14));
    TillReceipt overlap = sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 12, 18));
    assertThat(List.of(first, second, again, overlap))
        .extracting(TillReceipt::acceptedUpTo, TillReceipt::received, TillReceipt::duplicates)
        .containsExactly(tuple(7L, 7, 0), tuple(14L, 7, 0), tuple(14L, 0, 7), tuple(18L, 4, 3));
    for (int from = 19; from <= 33; from += 7) {
      sync.accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, from, from + 6));
    }
    assertThat(sync.position(TillScenarios.DEMO, "T01"))
        .isEqualTo(new TillPosition(33, docs.get(32).entry().hash()));

    // each sale once, as the till priced it
    List<Sale> tillSales = till.sales().list(TillScenarios.DEMO);
    List<Sale> centreSales = centre.sales().list(TillScenarios.DEMO);
    assertThat(centreSales).hasSize(30).containsExactlyInAnyOrderElementsOf(tillSales);
    // the 30 receipts as the till priced them (promotions included) come to 722.21
    assertThat(total(tillSales)).isEqualTo(TillScenarios.eur("722.21"));
    assertThat(total(centreSales)).isEqualTo(TillScenarios.eur("722.21"));
    assertThat(centre.sales().returns(TillScenarios.DEMO)).hasSize(2);
    Shift closed = centre.registers().shifts().list(TillScenarios.DEMO).get(0);
    assertThat(closed.closing().flatMap(z -> z.number())).contains("Z001-T01-2026-000001");
    assertThat(closed.closing())
        .isEqualTo(till.registers().shifts().list(TillScenarios.DEMO).get(0).closing());

    // stock moved exactly once per sale and return: the centre's levels are the till's
    for (String sku : TillScenarios.SKUS) {
      StockKey key = StockKey.floor(TillScenarios.DEMO, Sku.of(sku));
      assertThat(centre.stock().ledger().level(key).onHand())
          .as(sku)
          .isEqualByComparingTo(till.stock().ledger().level(key).onHand());
    }
    // the till's chain verifies at the centre; the centre's own journal holds each document once
    assertThat(sync.verify(TillScenarios.DEMO)).isEmpty();
    assertThat(sync.ledger().entries(TillScenarios.DEMO, "T01"))
        .isEqualTo(till.journal().entries(TillScenarios.DEMO));
    assertThat(centre.journal().verify(TillScenarios.DEMO)).isEmpty();
    assertThat(centre.journal().entries(TillScenarios.DEMO))
        .extracting(FiscalDocument::number)
        .containsExactlyElementsOf(docs.stream().map(d -> d.entry().number()).toList());
    assertThat(
            FiscalRecords.verify(
                centre.journal().entries(TillScenarios.DEMO),
                centre.billing().invoices().list(TillScenarios.DEMO),
                centreSales))
        .isEmpty();
    assertThat(sync.flags(TillScenarios.DEMO)).isEmpty();
  }

  private static Money total(List<Sale> sales) {
    return sales.stream().map(Sale::total).reduce(TillScenarios.eur("0.00"), Money::plus);
  }

  @Test
  void twoTillsSellingTheLastUnitsOfASkuTakeTheCentreBelowZeroAndFlagIt() {
    RetailEngine centre = TillScenarios.centre();
    StockKey mug = StockKey.floor(TillScenarios.DEMO, Sku.of("MUG"));
    // the centre holds the last 3 mugs (50 opening, 47 written off)
    centre.stock().adjust(mug, new BigDecimal("-47"), "breakage");
    RetailEngine t1 = TillScenarios.till("T01");
    RetailEngine t2 = TillScenarios.till("T02");
    TillScenarios.sell(t1, "a", "MUG", 3, Optional.empty());
    TillScenarios.sell(t2, "b", "MUG", 2, Optional.empty());

    TillReceipt r1 =
        centre
            .tillSync()
            .accept(TillScenarios.DEMO, "T01", TillDocumentsOf.of(t1, TillScenarios.DEMO));
    TillReceipt r2 =
        centre
            .tillSync()
            .accept(TillScenarios.DEMO, "T02", TillDocumentsOf.of(t2, TillScenarios.DEMO));

    // 3 − 3 = 0 is not oversold; 0 − 2 = −2 is
    assertThat(r1.oversold()).isEmpty();
    assertThat(r2.oversold())
        .containsExactly(new TillReceipt.Oversold("MUG", new BigDecimal("-2")));
    assertThat(centre.stock().ledger().level(mug).onHand()).isEqualByComparingTo("-2");
    assertThat(centre.tillSync().flags(TillScenarios.DEMO))
        .extracting(TillFlag::describe)
        .containsExactly("oversold offline by till T02: MUG -2 (S001-T02-2026-000001)");
    assertThat(centre.sales().list(TillScenarios.DEMO)).hasSize(2);
    assertThat(centre.tillSync().tills(TillScenarios.DEMO)).containsExactly("T01", "T02");
  }

  @Test
  void aTamperedEntryIsRefusedAndTheDocumentsBeforeItStayApplied() {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 5; i++) {
      TillScenarios.sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    List<TillDocument> docs = new ArrayList<>(TillDocumentsOf.of(till, TillScenarios.DEMO));
    TillDocument third = docs.get(2);
    FiscalDocument e = third.entry();
    // the total lowered by a cent, sale and entry alike: the entry's hash no longer matches
    FiscalDocument altered =
        new FiscalDocument(
            e.sequence(),
            e.store(),
            e.kind(),
            e.number(),
            e.issuedAt(),
            e.total().minus(TillScenarios.eur("0.01")),
            e.tax(),
            e.content(),
            e.previousHash(),
            e.hash());
    docs.set(
        2,
        new TillDocument(
            "T01", 3, altered, third.sale(), Optional.empty(), Optional.empty(), Optional.empty()));
    RetailEngine centre = TillScenarios.centre();

    assertThatThrownBy(() -> centre.tillSync().accept(TillScenarios.DEMO, "T01", docs))
        .isInstanceOfSatisfying(
            RetailException.class,
            x -> {
              assertThat(x.code()).isEqualTo(ErrorCode.TILL_CHAIN_BROKEN);
              assertThat(x.getMessage())
                  .contains("document 3 (S001-T01-2026-000003)")
                  .contains("up to 2");
            });
    assertThat(centre.tillSync().position(TillScenarios.DEMO, "T01").acceptedUpTo()).isEqualTo(2);
    assertThat(centre.sales().list(TillScenarios.DEMO)).hasSize(2);
    assertThat(centre.journal().entries(TillScenarios.DEMO)).hasSize(2);
  }

  @Test
  void aDocumentThatDoesNotMatchItsEntryIsRefused() {
    RetailEngine till = TillScenarios.till("T01");
    TillScenarios.sell(till, "s-1", "MUG", 1, Optional.empty());
    Sale other = TillScenarios.sell(till, "s-2", "TEE-M", 2, Optional.empty());
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    // the first entry, intact, sent with the second sale
    TillDocument swapped =
        new TillDocument(
            "T01",
            1,
            docs.get(0).entry(),
            Optional.of(other),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    RetailEngine centre = TillScenarios.centre();
    assertThatThrownBy(() -> centre.tillSync().accept(TillScenarios.DEMO, "T01", List.of(swapped)))
        .isInstanceOfSatisfying(
            RetailException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_CHAIN_BROKEN))
        .hasMessageContaining("the document's number is S001-T01-2026-000002");
    assertThat(centre.tillSync().position(TillScenarios.DEMO, "T01")).isEqualTo(TillPosition.START);
    assertThat(centre.sales().list(TillScenarios.DEMO)).isEmpty();
  }

  @Test
  void aGapIsRefusedNamingTheSequenceExpectedAndNothingIsApplied() {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 6; i++) {
      TillScenarios.sell(till, "s-" + i, "COFFEE", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    RetailEngine centre = TillScenarios.centre();
    centre.tillSync().accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 1, 2));
    assertThatThrownBy(
            () ->
                centre
                    .tillSync()
                    .accept(TillScenarios.DEMO, "T01", TillScenarios.slice(docs, 4, 6)))
        .isInstanceOfSatisfying(
            RetailException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_SEQUENCE_GAP))
        .hasMessageContaining("expects sequence 3");
    assertThat(centre.tillSync().position(TillScenarios.DEMO, "T01").acceptedUpTo()).isEqualTo(2);
    assertThat(centre.sales().list(TillScenarios.DEMO)).hasSize(2);
  }

  @Test
  void aBatchOfAnotherTillOrStoreOrOutOfOrderOrTooLongIsRefusedAndChangesNothing() {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 3; i++) {
      TillScenarios.sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, TillScenarios.DEMO);
    RetailEngine centre = TillScenarios.centre();
    TillSync sync = centre.tillSync();
    assertThatThrownBy(() -> sync.accept(TillScenarios.DEMO, "T02", docs))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not of store demo till T02");
    assertThatThrownBy(() -> sync.accept(StoreId.of("other"), "T01", docs))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> sync.accept(TillScenarios.DEMO, "T01", List.of(docs.get(0), docs.get(2))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 came after 1");
    assertThatThrownBy(() -> sync.accept(TillScenarios.DEMO, "T01", List.of()))
        .isInstanceOf(InvalidInputException.class);
    List<TillDocument> tooMany = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      tooMany.add(docs.get(0));
    }
    assertThatThrownBy(() -> sync.accept(TillScenarios.DEMO, "T01", tooMany))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 to 200 documents, this one 201");
    assertThat(sync.position(TillScenarios.DEMO, "T01")).isEqualTo(TillPosition.START);
    assertThat(centre.sales().list(TillScenarios.DEMO)).isEmpty();
  }

  @Test
  void theCentreSeesATillChainTamperedAfterItWasTaken() {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 3; i++) {
      TillScenarios.sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    InMemoryTillLedger ledger = new InMemoryTillLedger();
    RetailEngine centre =
        DemoStore.engineBuilder()
            .tillLedger(ledger)
            .clock(Clock.fixed(TillScenarios.NOON, ZoneOffset.UTC))
            .build();
    DemoStore.seed(centre);
    centre
        .tillSync()
        .accept(TillScenarios.DEMO, "T01", TillDocumentsOf.of(till, TillScenarios.DEMO));
    FiscalDocument e = ledger.entries(TillScenarios.DEMO, "T01").get(1);
    ledger.tamper(
        TillScenarios.DEMO,
        "T01",
        1,
        new FiscalDocument(
            e.sequence(),
            e.store(),
            e.kind(),
            e.number(),
            e.issuedAt(),
            e.total(),
            e.tax(),
            e.content().replace("MUG", "TEE"),
            e.previousHash(),
            e.hash()));
    assertThat(centre.tillSync().verify(TillScenarios.DEMO))
        .containsExactly(
            "till T01: entry 2 (S001-T01-2026-000002) was altered: its hash does not match its"
                + " content");
  }

  @Test
  void anUnknownTillIsAtZeroAndTheGenesisHash() {
    assertThat(TillScenarios.centre().tillSync().position(TillScenarios.DEMO, "T09"))
        .isEqualTo(new TillPosition(0, Journal.GENESIS));
  }

  static Map<String, Long> countByNumber(List<Sale> sales) {
    return sales.stream().collect(Collectors.groupingBy(Sale::number, Collectors.counting()));
  }
}
