package io.vruksha.retail.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.order.MovableClock;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gift cards through the whole engine, with figures to check by hand: sold as sale lines and
 * activated when the sale commits, redeemed in part and several in one sale, never below zero (32
 * tills at once), reloaded once per key, expired, cancelled by a manager, refunded onto a new card,
 * locked out after wrong codes, imported all or nothing, and the liability per day. Every adapter's
 * engine passes it.
 */
public abstract class GiftCardContract {

  /** A new engine over empty adapters, dated by {@code clock}. */
  protected abstract RetailEngine newEngine(Clock clock);

  protected static final StoreId STORE = StoreId.of("gc-berlin");
  protected static final Currency EUR = Currency.getInstance("EUR");
  protected static final TaxCategory STANDARD = TaxCategory.of("standard");
  protected static final TaxCategory VOUCHER = TaxCategory.of("voucher");

  /** 10:00 in Berlin on 1 December 2026. */
  protected static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  protected static final Actor ANNA = Actor.cashier("anna");
  protected static final Actor MAX = Actor.supervisor("max");

  protected MovableClock clock;
  protected RetailEngine engine;
  private int keys;

  protected static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @BeforeEach
  void setUp() {
    clock = new MovableClock(T0);
    engine = newEngine(clock);
    engine
        .stores()
        .save(new Store(STORE, "Gift Berlin", EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
    engine
        .priceBook()
        .saveList(PriceList.standard(PriceListId.of("retail-gc"), "Retail", EUR, true));
    // multi-purpose vouchers are not taxed when sold (VAT Directive Art. 30b): zero-rated category
    engine
        .taxRules()
        .assign(
            STORE,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .rule(TaxRule.zeroRated(VOUCHER))
                .build());
    product("GIFT-25", VOUCHER, "25.00");
    product("MUG", STANDARD, "4.99");
    product("TOKEN", STANDARD, "5.00");
    engine.giftCards().sellAs(new GiftCardProduct(Sku.of("GIFT-25"), 36));
  }

  private void product(String sku, TaxCategory tax, String price) {
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of(sku.toLowerCase()))
                .name(sku)
                .category(CategoryId.of("misc"))
                .taxCategory(tax)
                .variant(Sku.of(sku), sku, UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail-gc"),
            Sku.of(sku),
            UnitPrice.of(price, "EUR"),
            T0.minusSeconds(3600),
            "setup");
    engine.stock().receive(StockKey.floor(STORE, Sku.of(sku)), new BigDecimal("100"), "opening");
  }

  protected Sale sell(BasketRequest basket, Tender... tenders) {
    return engine.checkout(CheckoutRequest.of("k-" + (++keys), basket, tenders), ANNA);
  }

  /** Two 25.00 cards sold for 50.00 cash. */
  protected List<GiftCard> twoCards() {
    Sale sale =
        sell(BasketRequest.builder(STORE).add("GIFT-25", 2).build(), new Tender.Cash(eur("50.00")));
    return engine.giftCards().issued(STORE, sale.id());
  }

  @Test
  void cardsSoldOnALineAreActivatedWithTheSaleUntaxedWithRandomCheckedCodes() {
    Sale sale =
        sell(BasketRequest.builder(STORE).add("GIFT-25", 2).build(), new Tender.Cash(eur("50.00")));

    // 2 × 25.00 = 50.00, zero-rated: no VAT on the voucher's sale
    assertThat(sale.total()).isEqualTo(eur("50.00"));
    assertThat(sale.basket().tax()).isEqualTo(eur("0.00"));
    List<GiftCard> cards = engine.giftCards().issued(STORE, sale.id());
    assertThat(cards)
        .extracting(GiftCard::balance, GiftCard::status, GiftCard::origin, GiftCard::expiresAt)
        .containsExactly(
            tuple(
                eur("25.00"),
                GiftCard.Status.ACTIVE,
                GiftCard.Origin.SOLD,
                Instant.parse("2029-12-01T09:00:00Z")),
            tuple(
                eur("25.00"),
                GiftCard.Status.ACTIVE,
                GiftCard.Origin.SOLD,
                Instant.parse("2029-12-01T09:00:00Z")));
    assertThat(cards).allSatisfy(c -> assertThat(GiftCardCode.luhnValid(c.code())).isTrue());
    assertThat(cards.get(0).code()).hasSize(16).isNotEqualTo(cards.get(1).code());
    assertThat(cards.get(0).maskedCode()).isEqualTo("**** " + cards.get(0).code().substring(12));
    assertThat(engine.giftCards().ledger(STORE, cards.get(0).id()))
        .extracting(
            GiftCardEntry::kind,
            GiftCardEntry::amount,
            GiftCardEntry::balanceAfter,
            GiftCardEntry::by,
            GiftCardEntry::reference)
        .containsExactly(
            tuple(GiftCardEntry.Kind.ISSUE, eur("25.00"), eur("25.00"), "anna", sale.id()));
  }

  @Test
  void aSaleThatFailsActivatesNoCard() {
    assertThatThrownBy(
            () ->
                sell(
                    BasketRequest.builder(STORE).add("GIFT-25", 2).build(),
                    new Tender.Cash(eur("40.00"))))
        .isInstanceOf(RetailException.class)
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.TENDER_INSUFFICIENT);
    assertThat(engine.giftCards().list(STORE)).isEmpty();
    assertThatThrownBy(() -> engine.giftCards().issued(STORE, "no-such-sale"))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            engine
                .giftCards()
                .liability(STORE, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1))
                .days()
                .get(0)
                .closing())
        .isEqualTo(eur("0.00"));
  }

  @Test
  void twoCardsPayPartOfASaleAndCashTheRest() {
    List<GiftCard> cards = twoCards();
    GiftCard a = cards.get(0);
    GiftCard b = cards.get(1);

    // 3 mugs × 4.99 = 14.97: 10.00 from card a, 4.00 from card b (with spaces as printed), 0.97
    // cash
    Sale sale =
        sell(
            BasketRequest.builder(STORE).add("MUG", 3).build(),
            new Tender.GiftCard(a.code(), eur("10.00")),
            new Tender.GiftCard(GiftCardCode.grouped(b.code()), eur("4.00")),
            new Tender.Cash(eur("1.00")));

    assertThat(sale.total()).isEqualTo(eur("14.97"));
    assertThat(sale.change()).isEqualTo(eur("0.03"));
    assertThat(sale.tenders())
        .extracting(t -> t.kind(), t -> t.amount(), t -> t.reference())
        .containsExactly(
            tuple(TenderKind.CASH, eur("0.97"), ""),
            tuple(TenderKind.GIFT_CARD, eur("10.00"), a.maskedCode()),
            tuple(TenderKind.GIFT_CARD, eur("4.00"), b.maskedCode()));
    // 25.00 - 10.00 = 15.00; 25.00 - 4.00 = 21.00
    assertThat(engine.giftCards().card(STORE, a.id()).balance()).isEqualTo(eur("15.00"));
    assertThat(engine.giftCards().card(STORE, b.id()).balance()).isEqualTo(eur("21.00"));
    assertThat(engine.giftCards().ledger(STORE, a.id()))
        .extracting(
            GiftCardEntry::kind,
            GiftCardEntry::amount,
            GiftCardEntry::balanceAfter,
            GiftCardEntry::reference)
        .containsExactly(
            tuple(GiftCardEntry.Kind.ISSUE, eur("25.00"), eur("25.00"), a.reference()),
            tuple(GiftCardEntry.Kind.REDEEM, eur("-10.00"), eur("15.00"), sale.id()));
    // a retry of the same sale (same key) charges nothing again
    Sale again =
        engine.checkout(
            CheckoutRequest.of(
                "k-" + keys,
                BasketRequest.builder(STORE).add("MUG", 3).build(),
                new Tender.GiftCard(a.code(), eur("10.00")),
                new Tender.GiftCard(GiftCardCode.grouped(b.code()), eur("4.00")),
                new Tender.Cash(eur("1.00"))),
            ANNA);
    assertThat(again.id()).isEqualTo(sale.id());
    assertThat(engine.giftCards().card(STORE, a.id()).balance()).isEqualTo(eur("15.00"));
  }

  @Test
  void aCardIsNeverTakenBelowZeroAndARefusedSaleChargesNoCard() {
    List<GiftCard> cards = twoCards();
    GiftCard a = cards.get(0);
    GiftCard b = cards.get(1);

    // 6 tokens = 30.00; card a holds only 25.00
    assertThatThrownBy(
            () ->
                sell(
                    BasketRequest.builder(STORE).add("TOKEN", 6).build(),
                    new Tender.GiftCard(a.code(), eur("30.00"))))
        .isInstanceOf(RetailException.class)
        .hasMessageContaining("holds 25.00 EUR, 30.00 EUR asked")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.TENDER_INSUFFICIENT);
    // card b is charged first, then the sale fails on a (101 tokens, 100 in stock): b keeps 25.00
    assertThatThrownBy(
            () ->
                sell(
                    BasketRequest.builder(STORE).add("TOKEN", 101).build(),
                    new Tender.GiftCard(b.code(), eur("5.00")),
                    new Tender.Cash(eur("500.00"))))
        .isInstanceOf(RetailException.class)
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(engine.giftCards().card(STORE, a.id()).balance()).isEqualTo(eur("25.00"));
    assertThat(engine.giftCards().card(STORE, b.id()).balance()).isEqualTo(eur("25.00"));
    assertThat(engine.giftCards().ledger(STORE, b.id())).hasSize(1);
  }

  @Test
  void thirtyTwoTillsSpendingOneCardAtOnceNeverTakeItBelowZero() throws Exception {
    GiftCard card = twoCards().get(0); // 25.00
    ExecutorService pool = Executors.newFixedThreadPool(32);
    AtomicInteger refused = new AtomicInteger();
    List<Callable<Money>> tills = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      int till = i;
      tills.add(
          () -> {
            try {
              // one token, 5.00, wholly on the card
              engine.checkout(
                  CheckoutRequest.of(
                      "till-" + till,
                      BasketRequest.builder(STORE).add("TOKEN", 1).build(),
                      new Tender.GiftCard(card.code(), eur("5.00"))),
                  Actor.cashier("till-" + till));
              return eur("5.00");
            } catch (RetailException e) {
              assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INSUFFICIENT);
              refused.incrementAndGet();
              return eur("0.00");
            }
          });
    }
    Money spent = eur("0.00");
    try {
      for (Future<Money> f : pool.invokeAll(tills)) {
        spent = spent.plus(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    // 25.00 / 5.00 = 5 sales succeed, 27 are refused; the card ends at exactly 0.00
    assertThat(spent).isEqualTo(eur("25.00"));
    assertThat(refused.get()).isEqualTo(27);
    GiftCard after = engine.giftCards().card(STORE, card.id());
    assertThat(after.balance()).isEqualTo(eur("0.00"));
    List<GiftCardEntry> ledger = engine.giftCards().ledger(STORE, card.id());
    assertThat(ledger).hasSize(6);
    assertThat(ledger.stream().map(GiftCardEntry::amount).reduce(eur("0.00"), Money::plus))
        .isEqualTo(after.balance());
  }

  @Test
  void aReloadAddsOncePerKeyAndAnEnquiryShowsTheBalance() {
    GiftCard card = twoCards().get(0);

    GiftCard reloaded =
        engine
            .giftCards()
            .reload(STORE, card.code(), eur("20.00"), "reload-1", "pay-77", ANNA, "staff:anna");
    GiftCard retried =
        engine
            .giftCards()
            .reload(STORE, card.code(), eur("20.00"), "reload-1", "pay-77", ANNA, "staff:anna");

    // 25.00 + 20.00 = 45.00, once
    assertThat(reloaded.balance()).isEqualTo(eur("45.00"));
    assertThat(retried.balance()).isEqualTo(eur("45.00"));
    assertThat(engine.giftCards().balance(STORE, card.code(), "staff:anna").balance())
        .isEqualTo(eur("45.00"));
    assertThat(engine.giftCards().ledger(STORE, card.id()))
        .extracting(
            GiftCardEntry::kind,
            GiftCardEntry::amount,
            GiftCardEntry::reference,
            GiftCardEntry::key)
        .containsExactly(
            tuple(
                GiftCardEntry.Kind.ISSUE,
                eur("25.00"),
                card.reference(),
                "sale:" + card.reference() + ":0:0"),
            tuple(GiftCardEntry.Kind.RELOAD, eur("20.00"), "pay-77", "reload-1"));
    assertThatThrownBy(
            () ->
                engine
                    .giftCards()
                    .reload(STORE, card.code(), eur("5.00"), "reload-1", "", ANNA, "staff:anna"))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.IDEMPOTENCY_MISMATCH);
  }

  @Test
  void anExpiredCardIsRefusedAndTheExpiryRunWritesItsBalanceOff() {
    GiftCard card = twoCards().get(0);
    clock.advance(Duration.ofDays(3 * 366)); // past 2029-12-01

    assertThatThrownBy(
            () ->
                sell(
                    BasketRequest.builder(STORE).add("TOKEN", 1).build(),
                    new Tender.GiftCard(card.code(), eur("5.00"))))
        .isInstanceOf(RetailException.class)
        .hasMessageContaining("expired")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_EXPIRED);
    assertThatThrownBy(
            () ->
                engine
                    .giftCards()
                    .reload(STORE, card.code(), eur("5.00"), "r-exp", "", ANNA, "staff:anna"))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_EXPIRED);

    List<GiftCard> expired = engine.giftCards().expireDue(STORE);

    assertThat(expired).extracting(GiftCard::status).containsOnly(GiftCard.Status.EXPIRED);
    assertThat(expired).hasSize(2);
    assertThat(engine.giftCards().card(STORE, card.id()).balance()).isEqualTo(eur("0.00"));
    assertThat(engine.giftCards().ledger(STORE, card.id()))
        .extracting(GiftCardEntry::kind, GiftCardEntry::amount, GiftCardEntry::by)
        .containsExactly(
            tuple(GiftCardEntry.Kind.ISSUE, eur("25.00"), "anna"),
            tuple(GiftCardEntry.Kind.EXPIRE, eur("-25.00"), "system"));
    assertThat(engine.giftCards().expireDue(STORE)).isEmpty();
  }

  @Test
  void onlyAManagerCancelsACardAndACancelledCardIsRefused() {
    GiftCard card = twoCards().get(0);

    assertThatThrownBy(() -> engine.giftCards().cancel(STORE, card.id(), "cancel-1", ANNA))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.PERMISSION_REQUIRED);
    GiftCard cancelled = engine.giftCards().cancel(STORE, card.id(), "cancel-1", MAX);
    GiftCard retried = engine.giftCards().cancel(STORE, card.id(), "cancel-1", MAX);

    assertThat(cancelled.status()).isEqualTo(GiftCard.Status.CANCELLED);
    assertThat(retried).isEqualTo(cancelled);
    assertThat(engine.giftCards().ledger(STORE, card.id()))
        .extracting(
            GiftCardEntry::kind,
            GiftCardEntry::amount,
            GiftCardEntry::balanceAfter,
            GiftCardEntry::by)
        .containsExactly(
            tuple(GiftCardEntry.Kind.ISSUE, eur("25.00"), eur("25.00"), "anna"),
            tuple(GiftCardEntry.Kind.CANCEL, eur("-25.00"), eur("0.00"), "max"));
    assertThatThrownBy(
            () ->
                sell(
                    BasketRequest.builder(STORE).add("TOKEN", 1).build(),
                    new Tender.GiftCard(card.code(), eur("5.00"))))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_INVALID);
    assertThatThrownBy(() -> engine.giftCards().cancel(STORE, card.id(), "cancel-2", MAX))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_INVALID);
  }

  @Test
  void aReturnRefundedToAGiftCardIssuesOneHoldingTheRefund() {
    Sale sale =
        sell(BasketRequest.builder(STORE).add("MUG", 2).build(), new Tender.Cash(eur("9.98")));

    ReturnReceipt r =
        engine.acceptReturn(
            ReturnRequest.of("ret-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
                .refundTo(ReturnRequest.RefundTo.GIFT_CARD),
            MAX);

    assertThat(r.refundTo()).isEqualTo("GIFT_CARD");
    List<GiftCard> cards = engine.giftCards().issued(STORE, r.id());
    assertThat(cards)
        .extracting(GiftCard::balance, GiftCard::origin)
        .containsExactly(tuple(eur("4.99"), GiftCard.Origin.REFUND));
    // 36 months after the return
    assertThat(cards.get(0).expiresAt()).isEqualTo(Instant.parse("2029-12-01T09:00:00Z"));
  }

  @Test
  void aSalePaidByGiftCardRefundsOntoANewCardNotInCash() {
    GiftCard card = twoCards().get(0);
    Sale sale =
        sell(
            BasketRequest.builder(STORE).add("MUG", 2).build(),
            new Tender.GiftCard(card.code(), eur("9.98")));

    ReturnReceipt r =
        engine.acceptReturn(
            ReturnRequest.of("ret-2", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true)),
            MAX);

    assertThat(r.refundTo()).isEqualTo("GIFT_CARD");
    assertThat(engine.giftCards().issued(STORE, r.id()))
        .extracting(GiftCard::balance)
        .containsExactly(eur("4.99"));
    // the paying card keeps 25.00 - 9.98 = 15.02
    assertThat(engine.giftCards().card(STORE, card.id()).balance()).isEqualTo(eur("15.02"));
  }

  @Test
  void wrongCodesLockTheirSourceOutUntilTheWaitIsOverOrAManagerLiftsIt() {
    GiftCard card = twoCards().get(0);
    // 15 digits and a Luhn check digit that is right: a well-formed code of no card
    String wrong = "400000000000000" + GiftCardCode.luhnDigit("400000000000000");
    for (int i = 1; i <= 4; i++) {
      assertThatThrownBy(() -> engine.giftCards().balance(STORE, wrong, "staff:eve"))
          .extracting(e -> ((RetailException) e).code())
          .isEqualTo(ErrorCode.GIFT_CARD_INVALID);
    }
    // the 5th wrong code blocks eve for a minute
    assertThatThrownBy(() -> engine.giftCards().balance(STORE, wrong, "staff:eve"))
        .hasMessageContaining("refused until 2026-12-01T09:01:00Z")
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_INVALID);
    // even a right code is refused while she waits, at the till too; anna is not affected
    assertThatThrownBy(() -> engine.giftCards().balance(STORE, card.code(), "staff:eve"))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_LOCKED);
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "eve-1",
                        BasketRequest.builder(STORE).add("TOKEN", 1).build(),
                        new Tender.GiftCard(card.code(), eur("5.00"))),
                    Actor.cashier("eve")))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.GIFT_CARD_LOCKED);
    assertThat(engine.giftCards().balance(STORE, card.code(), "staff:anna").balance())
        .isEqualTo(eur("25.00"));
    // a minute later, one more wrong code blocks her for two (the wait doubles)
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> engine.giftCards().balance(STORE, wrong, "staff:eve"))
        .hasMessageContaining("refused until 2026-12-01T09:03:00Z");
    assertThat(engine.giftCards().book().attempts(STORE, "staff:eve").failures()).isEqualTo(6);
    // a mistyped code (check digit wrong) is told apart, and counted all the same
    String typo = card.code().substring(0, 15) + ((card.code().charAt(15) - '0' + 1) % 10);
    engine.giftCards().unlock(STORE, "staff:eve", MAX);
    assertThatThrownBy(() -> engine.giftCards().balance(STORE, typo, "staff:eve"))
        .hasMessageContaining("wrong check digit");
    assertThat(engine.giftCards().book().attempts(STORE, "staff:eve").failures()).isEqualTo(1);
    assertThatThrownBy(() -> engine.giftCards().unlock(STORE, "staff:eve", ANNA))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.PERMISSION_REQUIRED);
  }

  @Test
  void importedCardsComeInAllOrNoneWithEveryBrokenCardNamed() {
    GiftCard existing = twoCards().get(0);
    Instant issued = Instant.parse("2025-06-01T00:00:00Z");
    Instant expires = Instant.parse("2028-06-01T00:00:00Z");

    assertThatThrownBy(
            () ->
                engine
                    .giftCards()
                    .importCards(
                        STORE,
                        List.of(
                            new ImportedGiftCard("OLD-0001-AAAA", eur("12.50"), issued, expires),
                            new ImportedGiftCard("OLD-0001-AAAA", eur("3.00"), issued, expires),
                            new ImportedGiftCard(existing.code(), eur("3.00"), issued, expires),
                            new ImportedGiftCard("OLD0003", eur("3.00"), issued, expires),
                            new ImportedGiftCard("OLD00004", eur("0.00"), issued, expires),
                            new ImportedGiftCard(
                                "OLD00005", Money.of("3.00", "CHF"), issued, expires),
                            new ImportedGiftCard("OLD00006", eur("3.00"), expires, issued)),
                        "legacy-1",
                        MAX))
        .isInstanceOf(RetailException.class)
        .satisfies(
            e ->
                assertThat(((RetailException) e).details())
                    .containsExactly(
                        "card 2: code **** AAAA is given twice",
                        "card 3: code " + existing.maskedCode() + " is already a card of gc-berlin",
                        "card 4: a gift card code is 8 to 32 letters and digits",
                        "card 5: the balance must be above zero",
                        "card 6: the balance is in CHF; gc-berlin takes EUR",
                        "card 7: the expiry must come after the issue date"));
    assertThat(engine.giftCards().list(STORE)).hasSize(2);

    List<GiftCard> imported =
        engine
            .giftCards()
            .importCards(
                STORE,
                List.of(
                    new ImportedGiftCard("old-0001-aaaa", eur("12.50"), issued, expires),
                    new ImportedGiftCard("OLD00002", eur("7.25"), issued, expires)),
                "legacy-2",
                MAX);

    assertThat(imported)
        .extracting(GiftCard::code, GiftCard::balance, GiftCard::origin, GiftCard::issuedAt)
        .containsExactly(
            tuple("OLD0001AAAA", eur("12.50"), GiftCard.Origin.IMPORTED, issued),
            tuple("OLD00002", eur("7.25"), GiftCard.Origin.IMPORTED, issued));
    // the imported code redeems like any other
    sell(
        BasketRequest.builder(STORE).add("TOKEN", 1).build(),
        new Tender.GiftCard("OLD-0001-AAAA", eur("5.00")));
    assertThat(engine.giftCards().balance(STORE, "OLD0001AAAA", "staff:anna").balance())
        .isEqualTo(eur("7.50"));
    assertThatThrownBy(
            () ->
                engine
                    .giftCards()
                    .importCards(
                        STORE,
                        List.of(new ImportedGiftCard("OLD00009", eur("1.00"), issued, expires)),
                        "legacy-2",
                        MAX))
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE);
  }

  @Test
  void theLiabilityIsWhatTheCardsHoldAtTheEndOfEachDay() {
    // 1 Dec: two cards sold (50.00), 14.97 redeemed -> 35.03 outstanding
    List<GiftCard> cards = twoCards();
    sell(
        BasketRequest.builder(STORE).add("MUG", 3).build(),
        new Tender.GiftCard(cards.get(0).code(), eur("14.97")));
    // 2 Dec: 10.00 reloaded onto card 1, card 2 (25.00) cancelled -> 35.03 + 10.00 - 25.00 = 20.03
    clock.advance(Duration.ofDays(1));
    engine
        .giftCards()
        .reload(STORE, cards.get(0).code(), eur("10.00"), "rl-1", "", ANNA, "staff:anna");
    engine.giftCards().cancel(STORE, cards.get(1).id(), "cx-1", MAX);
    // 3 Dec: nothing happens -> 20.03

    GiftCardLiability report =
        engine.giftCards().liability(STORE, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 3));

    assertThat(report.days())
        .extracting(
            GiftCardLiability.Day::day,
            GiftCardLiability.Day::opening,
            GiftCardLiability.Day::issued,
            GiftCardLiability.Day::reloaded,
            GiftCardLiability.Day::redeemed,
            GiftCardLiability.Day::cancelled,
            GiftCardLiability.Day::closing)
        .containsExactly(
            tuple(
                LocalDate.of(2026, 11, 30),
                eur("0.00"),
                eur("0.00"),
                eur("0.00"),
                eur("0.00"),
                eur("0.00"),
                eur("0.00")),
            tuple(
                LocalDate.of(2026, 12, 1),
                eur("0.00"),
                eur("50.00"),
                eur("0.00"),
                eur("14.97"),
                eur("0.00"),
                eur("35.03")),
            tuple(
                LocalDate.of(2026, 12, 2),
                eur("35.03"),
                eur("0.00"),
                eur("10.00"),
                eur("0.00"),
                eur("25.00"),
                eur("20.03")),
            tuple(
                LocalDate.of(2026, 12, 3),
                eur("20.03"),
                eur("0.00"),
                eur("0.00"),
                eur("0.00"),
                eur("0.00"),
                eur("20.03")));
    // the closing liability is what the cards hold
    assertThat(
            engine.giftCards().list(STORE).stream()
                .map(GiftCard::balance)
                .reduce(eur("0.00"), Money::plus))
        .isEqualTo(eur("20.03"));
  }
}
