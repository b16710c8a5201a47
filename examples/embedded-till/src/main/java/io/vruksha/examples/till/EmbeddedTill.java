package io.vruksha.examples.till;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.SalesAnalytics.SkuTotal;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardCode;
import io.vruksha.retail.giftcard.GiftCardProduct;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.LineDiscount;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.tax.LevyTax;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLevy;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A till that embeds the engine in-process: no database, no server. It loads the demo store (German
 * VAT, a small catalogue, stock, promotions, a loyalty programme), opens the register, scans a
 * basket — by SKU, by EAN-13 and by a scale label with the weight printed into the barcode — sells
 * it to a loyalty customer paying in cash, and prints the receipt and the day's sales report. Then
 * the next customer buys a 25.00 gift card, and the one after a six-pack of cola with its German
 * single-use deposit (Pfand, 0.25 a bottle, VerpackG §31) paying 5.00 with that gift card and the
 * rest in cash; that receipt shows the deposit line and the gift card. Last it sells T-shirts part
 * in cash, part by buy now, pay later: one approved by the provider, one declined.
 *
 * <p>Run it with {@code scripts/demo.sh}.
 */
public final class EmbeddedTill {

  private EmbeddedTill() {}

  /** Sells the demo basket and prints the receipt to standard output. */
  public static void main(String[] args) {
    RetailEngine engine = DemoStore.inMemory();
    Shift shift =
        engine
            .registers()
            .open(DemoStore.ID, "till-1", Money.of("100.00", "EUR"), Actor.cashier("anna"));
    BasketRequest basket =
        BasketRequest.builder(DemoStore.ID)
            .shopper(Shopper.customer("c-1"))
            .add("MUG", 3) // "3 mugs for 10.00"
            .scan("4006381333948") // filter coffee, by EAN-13
            .scan("4006381333948") // a second bag: "2nd coffee half price"
            .scan("4006381333931") // T-shirt M
            .scan("2300042012558") // 1.255 kg of Gouda from the scale
            .coupon("WELCOME10")
            .build();
    Sale sale =
        engine.checkout(
            CheckoutRequest.of("till-1:0001", basket, new Tender.Cash(Money.of("50.00", "EUR")))
                .inShift(shift.id()),
            Actor.cashier("anna"));
    print(sale.basket(), System.out);
    System.out.printf(Locale.ROOT, "%-30s %12s%n", "Cash", amount(sale.tendered()));
    System.out.printf(Locale.ROOT, "%-30s %12s%n", "Change", amount(sale.change()));
    System.out.println("Receipt " + sale.number() + ", served by " + sale.cashierId());
    System.out.println("Points earned: " + sale.pointsEarned());
    System.out.println("Journal " + sale.journalHash().substring(0, 16) + "...");
    System.out.println();
    printDay(engine, sale, System.out);
    System.out.println();
    depositAndGiftCard(engine, shift, System.out);
    System.out.println();
    payLater(engine, shift);
  }

  /**
   * Drinks with a deposit and gift cards on the demo store's shelf: German VAT as the demo store
   * has it, plus cola at 19% with the Pfand of 0.25 per bottle on top (taxed as the drink, UStAE
   * 10.1 Abs. 8) and gift cards, which are not taxed when sold (a multi-purpose voucher, VAT
   * Directive Art. 30b: the goods are taxed when it is spent).
   */
  static void stockDrinksAndGiftCards(RetailEngine engine) {
    TaxCategory drinks = TaxCategory.of("drinks");
    TaxCategory voucher = TaxCategory.of("voucher");
    engine
        .taxRules()
        .assign(
            DemoStore.ID,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(DemoStore.STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .rule(TaxRule.standard(DemoStore.REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07")))
                .rule(
                    TaxRule.standard(drinks, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                        .withLevy(
                            TaxLevy.perUnitOnTop(
                                "PFAND025", "Pfand", Money.of("0.25", "EUR"), drinks)))
                .rule(TaxRule.zeroRated(voucher))
                .build());
    product(engine, "COLA-033", "Cola 0.33 l", drinks, "0.69", "24");
    product(engine, "GIFT-25", "Gift card 25.00", voucher, "25.00", "10");
    engine.giftCards().sellAs(new GiftCardProduct(Sku.of("GIFT-25"), 36)); // valid three years
  }

  private static void product(
      RetailEngine engine, String sku, String name, TaxCategory tax, String price, String stock) {
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of(sku.toLowerCase(Locale.ROOT)))
                .name(name)
                .category(CategoryId.of("food"))
                .taxCategory(tax)
                .variant(Sku.of(sku), name, UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of(sku),
            UnitPrice.of(price, "EUR"),
            Instant.parse("2026-01-01T00:00:00Z"),
            "setup");
    engine
        .stock()
        .receive(StockKey.floor(DemoStore.ID, Sku.of(sku)), new BigDecimal(stock), "delivery");
  }

  /**
   * A 25.00 gift card sold for cash, then six colas with their deposit paid 5.00 by that card and
   * the rest in cash; prints the second receipt and what is left on the card.
   */
  static Sale depositAndGiftCard(RetailEngine engine, Shift shift, PrintStream out) {
    stockDrinksAndGiftCards(engine);
    Actor anna = Actor.cashier("anna");
    Sale bought =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0002",
                    BasketRequest.builder(DemoStore.ID).add("GIFT-25", 1).build(),
                    new Tender.Cash(Money.of("25.00", "EUR")))
                .inShift(shift.id()),
            anna);
    GiftCard card = engine.giftCards().issued(DemoStore.ID, bought.id()).get(0);
    out.println("Gift card " + GiftCardCode.grouped(card.code()) + " sold: " + bought.number());
    out.println();
    // 6 × 0.69 = 4.14 + Pfand 6 × 0.25 = 1.50 -> 5.64 (VAT 0.66 + 0.24 = 0.90):
    // 5.00 from the card, 0.64 in cash from 1.00, 0.36 change
    Sale cola =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0003",
                    BasketRequest.builder(DemoStore.ID).add("COLA-033", 6).build(),
                    new Tender.GiftCard(card.code(), Money.of("5.00", "EUR")),
                    new Tender.Cash(Money.of("1.00", "EUR")))
                .inShift(shift.id()),
            anna);
    print(cola.basket(), out);
    payment(cola, out);
    out.println("Receipt " + cola.number() + ", served by " + cola.cashierId());
    out.println(
        "Left on gift card "
            + card.maskedCode()
            + ": "
            + amount(engine.giftCards().card(DemoStore.ID, card.id()).balance())
            + " EUR, valid until "
            + card.expiresAt().toString().substring(0, 10));
    return cola;
  }

  /** Prints how a sale was paid: each tender, then the change. */
  public static void payment(Sale sale, PrintStream out) {
    for (AppliedTender t : sale.tenders()) {
      String label =
          switch (t.kind()) {
            case GIFT_CARD -> "Gift card " + t.reference();
            case CASH -> "Cash";
            default -> t.kind().name();
          };
      Money shown = t.kind() == TenderKind.CASH ? t.amount().plus(sale.change()) : t.amount();
      out.printf(Locale.ROOT, "%-30s %12s%n", label, amount(shown));
    }
    out.printf(Locale.ROOT, "%-30s %12s%n", "Change", amount(sale.change()));
  }

  /**
   * Prints the day's sales report of the sale's store. The engine's reactions ran in process when
   * the sale committed ({@code RetailEngine.builder()} runs them by default), so the report holds
   * the sale with no NATS and no outbox pump here.
   */
  public static void printDay(RetailEngine engine, Sale sale, PrintStream out) {
    ZoneId zone =
        engine
            .stores()
            .find(DemoStore.ID)
            .orElseThrow(() -> new IllegalStateException("the demo store is not loaded"))
            .zone();
    LocalDate day = sale.at().atZone(zone).toLocalDate(); // the store's business day
    DailySales total = engine.reports().dailySales(DemoStore.ID, day, day).total();
    out.println("Sales report " + day);
    out.printf(Locale.ROOT, "%-30s %12d%n", "Sales", total.sales());
    out.printf(Locale.ROOT, "%-30s %12s%n", "Gross", amount(total.gross().rounded()));
    for (SkuTotal sku : engine.reports().productPerformance(DemoStore.ID, day, day).products()) {
      out.printf(
          Locale.ROOT,
          "  %-12s %10s units %10s%n",
          sku.sku(),
          sku.units().stripTrailingZeros().toPlainString(),
          amount(sku.revenue().rounded()));
    }
  }

  /**
   * Two sales paid part in cash, part by buy now, pay later through the simulated BNPL provider:
   * the first waits with its T-shirts reserved and no receipt number until the provider approves;
   * the second is declined and its T-shirts go back on the shelf.
   */
  static void payLater(RetailEngine engine, Shift shift) {
    SimulatedBnpl bnpl = new SimulatedBnpl("till-demo-callback-secret", Clock.systemUTC());
    engine.payments().providers().register(TenderKind.BNPL, bnpl);
    for (boolean approves : new boolean[] {true, false}) {
      // 2 T-shirts M at 19.99 = 39.98: 10.00 in cash, 29.98 by BNPL
      PendingCheckout pending =
          engine
              .payments()
              .begin(
                  CheckoutRequest.of(
                          approves ? "till-1:0004" : "till-1:0005",
                          BasketRequest.builder(DemoStore.ID).add("TEE-M", 2).build(),
                          new Tender.Cash(Money.of("10.00", "EUR")),
                          new Tender.Provider(
                              TenderKind.BNPL, Money.of("29.98", "EUR"), "ada@example.com"))
                      .inShift(shift.id()),
                  Actor.cashier("anna"));
      Payment payment = engine.payments().paymentsOf(DemoStore.ID, pending.id()).get(0);
      System.out.println(
          "BNPL pending: " + pending.status() + ", customer approves at " + payment.action());
      System.out.println("  T-shirts M reserved: " + reserved(engine) + ", no receipt number yet");
      // the provider calls back (signed); the engine verifies the signature and settles
      SimulatedBnpl.Callback callback =
          bnpl.change(
              payment.id(),
              approves ? PaymentState.AUTHORIZED : PaymentState.DECLINED,
              approves ? "approved" : "not approved");
      PendingCheckout settled =
          engine
              .payments()
              .callback(DemoStore.ID, bnpl.name(), callback.body(), callback.signature());
      if (settled.status() == PendingCheckout.Status.COMPLETED) {
        System.out.println(
            "BNPL approved: Receipt " + settled.receiptNumber().orElseThrow() + " (cash + BNPL)");
      } else {
        System.out.println(
            "BNPL declined: sale "
                + settled.status()
                + ", T-shirts M reserved: "
                + reserved(engine)
                + ", nothing in the journal");
      }
    }
  }

  private static String reserved(RetailEngine engine) {
    return engine
        .stock()
        .ledger()
        .level(StockKey.floor(DemoStore.ID, Sku.of("TEE-M")))
        .reserved()
        .toPlainString();
  }

  /** Prints {@code basket} as a receipt: lines, discounts, totals and the VAT breakdown. */
  public static void print(PricedBasket basket, PrintStream out) {
    out.println("Vruksha Demo, Berlin");
    out.println("-".repeat(44));
    for (PricedLine line : basket.lines()) {
      String qty =
          line.quantity().unit().isDiscrete()
              ? line.quantity().value().toPlainString()
                  + " x "
                  + line.unitPrice().amount().setScale(2, RoundingMode.HALF_UP)
              : line.quantity()
                  + " x "
                  + line.unitPrice().amount().setScale(2, RoundingMode.HALF_UP)
                  + "/kg";
      out.printf(Locale.ROOT, "%-30s %12s%n", line.name(), amount(line.amount()));
      out.printf(Locale.ROOT, "  %s%n", qty);
      for (LineDiscount d : line.discounts()) {
        out.printf(Locale.ROOT, "  %-28s %12s%n", d.label(), amount(d.amount().negate()));
      }
      // a deposit or fee on top of the price is its own receipt line (VerpackG §31: "Pfand")
      for (LevyTax levy : line.tax().levies()) {
        out.printf(Locale.ROOT, "  %-28s %12s%n", levy.name(), amount(levy.charged()));
      }
    }
    out.println("-".repeat(44));
    out.printf(Locale.ROOT, "%-30s %12s%n", "Subtotal", amount(basket.subtotal()));
    Money levies =
        basket.lines().stream()
            .flatMap(l -> l.tax().levies().stream())
            .map(LevyTax::charged)
            .reduce(Money.zero(basket.currency()), Money::plus);
    if (levies.isPositive()) {
      out.printf(Locale.ROOT, "%-30s %12s%n", "Deposits", amount(levies));
    }
    out.printf(Locale.ROOT, "%-30s %12s%n", "You saved", amount(basket.discountTotal()));
    out.printf(Locale.ROOT, "%-30s %12s%n", "TOTAL EUR", amount(basket.total()));
    out.println();
    out.printf(Locale.ROOT, "%-12s %10s %10s %10s%n", "VAT", "net", "VAT", "gross");
    for (TaxBreakdownEntry e : basket.taxBreakdown()) {
      out.printf(
          Locale.ROOT,
          "%-12s %10s %10s %10s%n",
          e.rate().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%",
          amount(e.taxableBase()),
          amount(e.tax()),
          amount(e.taxableBase().plus(e.tax())));
    }
    if (!basket.couponsUsed().isEmpty()) {
      out.println("Coupons: " + String.join(", ", basket.couponsUsed()));
    }
  }

  private static String amount(Money money) {
    return money.amount().toPlainString();
  }
}
