package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.memory.InMemoryTillLedger;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TillSyncTest {

  static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
  static final StoreId DEMO = DemoStore.ID;
  static final Actor ANNA = Actor.cashier("anna");
  static final Actor SAM = Actor.supervisor("sam");
  static final String[] SKUS = {"MUG", "TEE-M", "COFFEE", "TEE-L"};

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  static RetailEngine till(String id) {
    RetailEngine till =
        DemoStore.engineBuilder().till(id).clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
    DemoStore.seed(till);
    return till;
  }

  static RetailEngine centre() {
    RetailEngine centre =
        DemoStore.engineBuilder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
    DemoStore.seed(centre);
    return centre;
  }

  static Sale sell(RetailEngine till, String key, String sku, int pieces, Optional<String> shift) {
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
  static RetailEngine thirtySalesTwoReturnsAndAShift() {
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

  static List<TillDocument> slice(List<TillDocument> docs, int from, int to) {
    return docs.subList(from - 1, Math.min(to, docs.size()));
  }

  @Test
  void twoTillsOfOneStoreNumberEachTheirOwnSeriesWithoutGaps() {
    RetailEngine t1 = till("T01");
    RetailEngine t2 = till("T02");
    for (int i = 1; i <= 3; i++) {
      sell(t1, "a-" + i, "MUG", 1, Optional.empty());
      sell(t2, "b-" + i, "MUG", 1, Optional.empty());
    }
    Sale last = sell(t2, "b-4", "MUG", 1, Optional.empty());
    assertThat(t1.sales().list(DEMO))
        .extracting(Sale::number)
        .containsExactly("S001-T01-2026-000001", "S001-T01-2026-000002", "S001-T01-2026-000003");
    assertThat(last.number()).isEqualTo("S001-T02-2026-000004");
    String credit =
        t1.acceptReturn(
                ReturnRequest.of(
                    "r",
                    t1.sales().list(DEMO).get(0).id(),
                    new ReturnRequest.Item(0, BigDecimal.ONE, true)),
                SAM)
            .creditNoteNumber();
    assertThat(credit).isEqualTo("C001-T01-2026-000001");
    Shift shift = t2.registers().open(DEMO, "T02", eur("50.00"), ANNA);
    assertThat(t2.registers().close(shift.id(), eur("50.00"), SAM).number())
        .contains("Z001-T02-2026-000001");
    assertThat(t1.till()).contains("T01");
    assertThat(centre().till()).isEmpty();
    assertThat(t1.journal().verify(DEMO)).isEmpty();
    assertThat(t2.journal().verify(DEMO)).isEmpty();
    assertThat(t2.journal().entries(DEMO)).hasSize(5);
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
    RetailEngine till = thirtySalesTwoReturnsAndAShift();
    List<TillDocument> docs = TillDocumentsOf.of(till, DEMO);
    assertThat(docs).hasSize(33);
    RetailEngine centre = centre();
    TillSync sync = centre.tillSync();

    TillReceipt first = sync.accept(DEMO, "T01", slice(docs, 1, 7));
    TillReceipt second = sync.accept(DEMO, "T01", slice(docs, 8, 14));
    TillReceipt again = sync.accept(DEMO, "T01", slice(docs, 8, 14));
    TillReceipt overlap = sync.accept(DEMO, "T01", slice(docs, 12, 18));
    assertThat(List.of(first, second, again, overlap))
        .extracting(TillReceipt::acceptedUpTo, TillReceipt::received, TillReceipt::duplicates)
        .containsExactly(tuple(7L, 7, 0), tuple(14L, 7, 0), tuple(14L, 0, 7), tuple(18L, 4, 3));
    for (int from = 19; from <= 33; from += 7) {
      sync.accept(DEMO, "T01", slice(docs, from, from + 6));
    }
    assertThat(sync.position(DEMO, "T01"))
        .isEqualTo(new TillPosition(33, docs.get(32).entry().hash()));

    // each sale once, as the till priced it
    List<Sale> tillSales = till.sales().list(DEMO);
    List<Sale> centreSales = centre.sales().list(DEMO);
    assertThat(centreSales).hasSize(30).containsExactlyInAnyOrderElementsOf(tillSales);
    // the 30 receipts as the till priced them (promotions included) come to 722.21
    assertThat(total(tillSales)).isEqualTo(eur("722.21"));
    assertThat(total(centreSales)).isEqualTo(eur("722.21"));
    assertThat(centre.sales().returns(DEMO)).hasSize(2);
    Shift closed = centre.registers().shifts().list(DEMO).get(0);
    assertThat(closed.closing().flatMap(z -> z.number())).contains("Z001-T01-2026-000001");
    assertThat(closed.closing()).isEqualTo(till.registers().shifts().list(DEMO).get(0).closing());

    // stock moved exactly once per sale and return: the centre's levels are the till's
    for (String sku : SKUS) {
      StockKey key = StockKey.floor(DEMO, Sku.of(sku));
      assertThat(centre.stock().ledger().level(key).onHand())
          .as(sku)
          .isEqualByComparingTo(till.stock().ledger().level(key).onHand());
    }
    // the till's chain verifies at the centre; the centre's own journal holds each document once
    assertThat(sync.verify(DEMO)).isEmpty();
    assertThat(sync.ledger().entries(DEMO, "T01")).isEqualTo(till.journal().entries(DEMO));
    assertThat(centre.journal().verify(DEMO)).isEmpty();
    assertThat(centre.journal().entries(DEMO))
        .extracting(FiscalDocument::number)
        .containsExactlyElementsOf(docs.stream().map(d -> d.entry().number()).toList());
    assertThat(
            FiscalRecords.verify(
                centre.journal().entries(DEMO),
                centre.billing().invoices().list(DEMO),
                centreSales))
        .isEmpty();
    assertThat(sync.flags(DEMO)).isEmpty();
  }

  private static Money total(List<Sale> sales) {
    return sales.stream().map(Sale::total).reduce(eur("0.00"), Money::plus);
  }

  @Test
  void twoTillsSellingTheLastUnitsOfASkuTakeTheCentreBelowZeroAndFlagIt() {
    RetailEngine centre = centre();
    StockKey mug = StockKey.floor(DEMO, Sku.of("MUG"));
    // the centre holds the last 3 mugs (50 opening, 47 written off)
    centre.stock().adjust(mug, new BigDecimal("-47"), "breakage");
    RetailEngine t1 = till("T01");
    RetailEngine t2 = till("T02");
    sell(t1, "a", "MUG", 3, Optional.empty());
    sell(t2, "b", "MUG", 2, Optional.empty());

    TillReceipt r1 = centre.tillSync().accept(DEMO, "T01", TillDocumentsOf.of(t1, DEMO));
    TillReceipt r2 = centre.tillSync().accept(DEMO, "T02", TillDocumentsOf.of(t2, DEMO));

    // 3 − 3 = 0 is not oversold; 0 − 2 = −2 is
    assertThat(r1.oversold()).isEmpty();
    assertThat(r2.oversold())
        .containsExactly(new TillReceipt.Oversold("MUG", new BigDecimal("-2")));
    assertThat(centre.stock().ledger().level(mug).onHand()).isEqualByComparingTo("-2");
    assertThat(centre.tillSync().flags(DEMO))
        .extracting(TillFlag::describe)
        .containsExactly("oversold offline by till T02: MUG -2 (S001-T02-2026-000001)");
    assertThat(centre.sales().list(DEMO)).hasSize(2);
    assertThat(centre.tillSync().tills(DEMO)).containsExactly("T01", "T02");
  }

  @Test
  void aTamperedEntryIsRefusedAndTheDocumentsBeforeItStayApplied() {
    RetailEngine till = till("T01");
    for (int i = 1; i <= 5; i++) {
      sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    List<TillDocument> docs = new ArrayList<>(TillDocumentsOf.of(till, DEMO));
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
            e.total().minus(eur("0.01")),
            e.tax(),
            e.content(),
            e.previousHash(),
            e.hash());
    docs.set(
        2,
        new TillDocument(
            "T01", 3, altered, third.sale(), Optional.empty(), Optional.empty(), Optional.empty()));
    RetailEngine centre = centre();

    assertThatThrownBy(() -> centre.tillSync().accept(DEMO, "T01", docs))
        .isInstanceOfSatisfying(
            RetailException.class,
            x -> {
              assertThat(x.code()).isEqualTo(ErrorCode.TILL_CHAIN_BROKEN);
              assertThat(x.getMessage())
                  .contains("document 3 (S001-T01-2026-000003)")
                  .contains("up to 2");
            });
    assertThat(centre.tillSync().position(DEMO, "T01").acceptedUpTo()).isEqualTo(2);
    assertThat(centre.sales().list(DEMO)).hasSize(2);
    assertThat(centre.journal().entries(DEMO)).hasSize(2);
  }

  @Test
  void aDocumentThatDoesNotMatchItsEntryIsRefused() {
    RetailEngine till = till("T01");
    sell(till, "s-1", "MUG", 1, Optional.empty());
    Sale other = sell(till, "s-2", "TEE-M", 2, Optional.empty());
    List<TillDocument> docs = TillDocumentsOf.of(till, DEMO);
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
    RetailEngine centre = centre();
    assertThatThrownBy(() -> centre.tillSync().accept(DEMO, "T01", List.of(swapped)))
        .isInstanceOfSatisfying(
            RetailException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_CHAIN_BROKEN))
        .hasMessageContaining("the document's number is S001-T01-2026-000002");
    assertThat(centre.tillSync().position(DEMO, "T01")).isEqualTo(TillPosition.START);
    assertThat(centre.sales().list(DEMO)).isEmpty();
  }

  @Test
  void aGapIsRefusedNamingTheSequenceExpectedAndNothingIsApplied() {
    RetailEngine till = till("T01");
    for (int i = 1; i <= 6; i++) {
      sell(till, "s-" + i, "COFFEE", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, DEMO);
    RetailEngine centre = centre();
    centre.tillSync().accept(DEMO, "T01", slice(docs, 1, 2));
    assertThatThrownBy(() -> centre.tillSync().accept(DEMO, "T01", slice(docs, 4, 6)))
        .isInstanceOfSatisfying(
            RetailException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_SEQUENCE_GAP))
        .hasMessageContaining("expects sequence 3");
    assertThat(centre.tillSync().position(DEMO, "T01").acceptedUpTo()).isEqualTo(2);
    assertThat(centre.sales().list(DEMO)).hasSize(2);
  }

  @Test
  void aBatchOfAnotherTillOrStoreOrOutOfOrderOrTooLongIsRefusedAndChangesNothing() {
    RetailEngine till = till("T01");
    for (int i = 1; i <= 3; i++) {
      sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, DEMO);
    RetailEngine centre = centre();
    TillSync sync = centre.tillSync();
    assertThatThrownBy(() -> sync.accept(DEMO, "T02", docs))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not of store demo till T02");
    assertThatThrownBy(() -> sync.accept(StoreId.of("other"), "T01", docs))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> sync.accept(DEMO, "T01", List.of(docs.get(0), docs.get(2))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 came after 1");
    assertThatThrownBy(() -> sync.accept(DEMO, "T01", List.of()))
        .isInstanceOf(InvalidInputException.class);
    List<TillDocument> tooMany = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      tooMany.add(docs.get(0));
    }
    assertThatThrownBy(() -> sync.accept(DEMO, "T01", tooMany))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 to 200 documents, this one 201");
    assertThat(sync.position(DEMO, "T01")).isEqualTo(TillPosition.START);
    assertThat(centre.sales().list(DEMO)).isEmpty();
  }

  @Test
  void theCentreSeesATillChainTamperedAfterItWasTaken() {
    RetailEngine till = till("T01");
    for (int i = 1; i <= 3; i++) {
      sell(till, "s-" + i, "MUG", 1, Optional.empty());
    }
    InMemoryTillLedger ledger = new InMemoryTillLedger();
    RetailEngine centre =
        DemoStore.engineBuilder()
            .tillLedger(ledger)
            .clock(Clock.fixed(NOON, ZoneOffset.UTC))
            .build();
    DemoStore.seed(centre);
    centre.tillSync().accept(DEMO, "T01", TillDocumentsOf.of(till, DEMO));
    FiscalDocument e = ledger.entries(DEMO, "T01").get(1);
    ledger.tamper(
        DEMO,
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
    assertThat(centre.tillSync().verify(DEMO))
        .containsExactly(
            "till T01: entry 2 (S001-T01-2026-000002) was altered: its hash does not match its"
                + " content");
  }

  @Test
  void anUnknownTillIsAtZeroAndTheGenesisHash() {
    assertThat(centre().tillSync().position(DEMO, "T09"))
        .isEqualTo(new TillPosition(0, Journal.GENESIS));
  }

  static Map<String, Long> countByNumber(List<Sale> sales) {
    return sales.stream().collect(Collectors.groupingBy(Sale::number, Collectors.counting()));
  }

  static DocumentKind kind(TillDocument d) {
    return d.entry().kind();
  }

  static String body(TillDocument d) {
    return FiscalJournal.body(d.entry());
  }
}
