package io.vruksha.retail.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Gift cards under generated use: imported balances, payments of any part of a basket (some beyond
 * what a card holds), reloads (some retried with their key), cancellations. After every step each
 * card's balance is what a plain model of the money says, a refused payment changes neither the
 * card nor the stock, a balance never goes below zero, and the liability report closes on what the
 * active cards hold, its movements adding up from the opening.
 */
class GiftCardPropertiesTest {

  private static final StoreId STORE = StoreId.of("gc-props");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final TaxCategory STANDARD = TaxCategory.of("standard");
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Sku TOKEN = Sku.of("TOKEN");
  private static final Actor ANNA = Actor.cashier("anna");
  private static final Actor MAX = Actor.supervisor("max");

  sealed interface Op permits Pay, Reload, Cancel {}

  /** Buys {@code tokens} 3.35 tokens, {@code cents} of the total from card {@code card}. */
  record Pay(int card, int tokens, int cents) implements Op {}

  /** Adds {@code cents} to card {@code card}; {@code retry} sends the same key twice. */
  record Reload(int card, int cents, boolean retry) implements Op {}

  /** A manager cancels card {@code card}. */
  record Cancel(int card) implements Op {}

  @Provide
  Arbitrary<List<Integer>> openingCents() {
    return Arbitraries.integers().between(1, 20_000).list().ofSize(3);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> card = Arbitraries.integers().between(0, 2);
    Arbitrary<Op> pay =
        Combinators.combine(card, Arbitraries.integers().between(1, 9), Arbitraries.integers())
            .as((c, n, x) -> new Pay(c, n, Math.floorMod(x, n * 335) + 1));
    Arbitrary<Op> reload =
        Combinators.combine(
                card, Arbitraries.integers().between(1, 50_000), Arbitraries.of(true, false))
            .as(Reload::new);
    Arbitrary<Op> cancel = card.map(Cancel::new);
    return Arbitraries.frequencyOf(Tuple.of(6, pay), Tuple.of(3, reload), Tuple.of(1, cancel))
        .list()
        .ofMaxSize(25);
  }

  @Property(tries = 150)
  void balancesFollowTheMoneyAndTheLiabilityAddsUp(
      @ForAll("openingCents") @Size(3) List<Integer> opening, @ForAll("ops") List<Op> ops) {
    MovableClock clock = new MovableClock(T0);
    RetailEngine engine = RetailEngine.builder().clock(clock).build();
    setUp(engine);
    List<String> codes = List.of("PROP-0000-0001", "PROP-0000-0002", "PROP-0000-0003");
    List<ImportedGiftCard> imported = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      imported.add(
          new ImportedGiftCard(
              codes.get(i),
              cents(opening.get(i)),
              T0.minus(Duration.ofDays(30)),
              T0.plus(Duration.ofDays(3650))));
    }
    List<GiftCard> cards = engine.giftCards().importCards(STORE, imported, "file:props", MAX);
    long[] model = opening.stream().mapToLong(Integer::longValue).toArray();
    boolean[] cancelled = new boolean[3];
    long tokensSold = 0;
    int step = 0;
    for (Op op : ops) {
      step++;
      clock.advance(Duration.ofMinutes(7));
      if (op instanceof Pay p) {
        long total = p.tokens() * 335L;
        boolean covered = !cancelled[p.card()] && p.cents() <= model[p.card()];
        List<Tender> tenders = new ArrayList<>();
        tenders.add(new Tender.GiftCard(codes.get(p.card()), cents(p.cents())));
        if (p.cents() < total) {
          tenders.add(new Tender.Cash(cents(total - p.cents())));
        }
        BasketRequest basket = BasketRequest.builder(STORE).add("TOKEN", p.tokens()).build();
        CheckoutRequest request =
            CheckoutRequest.of("pay-" + step, basket, tenders.toArray(Tender[]::new));
        if (covered) {
          engine.checkout(request, ANNA);
          model[p.card()] -= p.cents();
          tokensSold += p.tokens();
        } else {
          assertThatThrownBy(() -> engine.checkout(request, ANNA))
              .isInstanceOf(RetailException.class)
              .satisfies(
                  e ->
                      assertThat(((RetailException) e).code())
                          .isIn(ErrorCode.TENDER_INSUFFICIENT, ErrorCode.GIFT_CARD_INVALID));
        }
      } else if (op instanceof Reload r) {
        String key = "reload-" + step;
        if (cancelled[r.card()]) {
          assertThatThrownBy(
                  () ->
                      engine
                          .giftCards()
                          .reload(STORE, codes.get(r.card()), cents(r.cents()), key, "", ANNA, "t"))
              .isInstanceOf(RetailException.class);
        } else {
          int times = r.retry() ? 2 : 1;
          for (int t = 0; t < times; t++) {
            engine
                .giftCards()
                .reload(STORE, codes.get(r.card()), cents(r.cents()), key, "", ANNA, "t");
          }
          model[r.card()] += r.cents();
        }
      } else if (op instanceof Cancel c) {
        if (!cancelled[c.card()]) {
          engine.giftCards().cancel(STORE, cards.get(c.card()).id(), "cancel-" + step, MAX);
          cancelled[c.card()] = true;
        }
      }
      for (int i = 0; i < 3; i++) {
        GiftCard now = engine.giftCards().card(STORE, cards.get(i).id());
        long expected = cancelled[i] ? 0 : model[i];
        assertThat(now.balance())
            .as("card %d after step %d: %s", i, step, op)
            .isEqualTo(cents(expected));
        assertThat(now.balance().isNegative()).isFalse();
      }
    }
    assertThat(engine.stock().ledger().level(StockKey.floor(STORE, TOKEN)).onHand())
        .isEqualByComparingTo(BigDecimal.valueOf(1_000_000 - tokensSold));

    // every card's ledger adds up to its balance
    for (int i = 0; i < 3; i++) {
      Money sum =
          engine.giftCards().ledger(STORE, cards.get(i).id()).stream()
              .map(GiftCardEntry::amount)
              .reduce(Money.zero(EUR), Money::plus);
      assertThat(sum).isEqualTo(engine.giftCards().card(STORE, cards.get(i).id()).balance());
    }
    LocalDate first = T0.atZone(BERLIN).toLocalDate();
    LocalDate last = clock.instant().atZone(BERLIN).toLocalDate();
    GiftCardLiability liability = engine.giftCards().liability(STORE, first, last);
    Money activeNow = Money.zero(EUR);
    for (int i = 0; i < 3; i++) {
      activeNow = activeNow.plus(cents(cancelled[i] ? 0 : model[i]));
    }
    GiftCardLiability.Day end = liability.days().get(liability.days().size() - 1);
    assertThat(end.closing()).isEqualTo(activeNow);
    for (GiftCardLiability.Day d : liability.days()) {
      assertThat(
              d.opening()
                  .plus(d.issued())
                  .plus(d.reloaded())
                  .minus(d.redeemed())
                  .minus(d.expired())
                  .minus(d.cancelled()))
          .as("day %s", d.day())
          .isEqualTo(d.closing());
    }
  }

  private static Money cents(long cents) {
    return Money.of(BigDecimal.valueOf(cents, 2), EUR);
  }

  private static void setUp(RetailEngine engine) {
    engine.stores().save(new Store(STORE, "Props", EUR, BERLIN, CashRounding.NONE));
    engine
        .priceBook()
        .saveList(PriceList.standard(PriceListId.of("retail-p"), "Retail", EUR, true));
    engine
        .taxRules()
        .assign(
            STORE,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .build());
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of("token"))
                .name("Token")
                .category(CategoryId.of("misc"))
                .taxCategory(STANDARD)
                .variant(TOKEN, "Token", UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail-p"),
            TOKEN,
            UnitPrice.of("3.35", "EUR"),
            T0.minusSeconds(3600),
            "setup");
    engine.stock().receive(StockKey.floor(STORE, TOKEN), new BigDecimal("1000000"), "opening");
  }
}
