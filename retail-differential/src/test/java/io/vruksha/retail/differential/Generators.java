package io.vruksha.retail.differential;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generated operations. Weighted towards what the engines disagree on when they do: instants
 * with nanosecond digits and the DST days of the store's zone (Europe/Berlin), weighed quantities,
 * big baskets, Unicode names.
 */
final class Generators {

  /** The demo store's SKUs; GOUDA is sold by the kilogram. */
  static final List<String> SKUS =
      List.of("TEE-M", "TEE-L", "MUG", "COFFEE", "GOUDA", "CAKE", "NEW-KG", "NEW-EA");

  /**
   * The demo store's SKUs, always in the catalogue. Goods are received and counted for these and,
   * now and then, for NEW-KG and NEW-EA before they exist: every engine refuses those with
   * catalog.sku_unknown (the rule is the core's Stock, seed -2138472450585372562 found the API
   * alone refusing them).
   */
  static final List<String> STOCKED = SKUS.subList(0, 6);

  /** Mostly the demo SKUs, now and then one that may not be in the catalogue yet. */
  static Arbitrary<String> stockedOrNew() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(STOCKED)), Tuple.of(1, Arbitraries.of("NEW-KG", "NEW-EA")));
  }

  /** Whether {@code sku} is sold by the kilogram (three decimals). */
  static boolean weighed(String sku) {
    return sku.equals("GOUDA") || sku.equals("NEW-KG");
  }

  /**
   * Instants the clock jumps to (when ahead): the last nanosecond before Berlin springs forward
   * (2026-03-29 01:59:59.999999999 CET) and the first after (03:00 CEST), a local midnight, both
   * 02:30s of the fall-back night (2026-10-25, CEST then CET), and the last nanosecond of that day.
   */
  static final List<String> EDGES =
      List.of(
          "2026-03-28T22:59:59.999999999Z",
          "2026-03-28T23:00:00Z",
          "2026-03-29T00:59:59.999999999Z",
          "2026-03-29T01:00:00.000000001Z",
          "2026-03-29T21:59:59.999999500Z",
          "2026-10-25T00:30:00.123456789Z",
          "2026-10-25T01:30:00.987654321Z",
          "2026-10-25T22:59:59.999999999Z",
          "2026-10-25T23:00:00.000000999Z");

  private Generators() {}

  static Arbitrary<Op> ops() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, ticks()),
        Tuple.of(2, Arbitraries.of(EDGES).map(Op.JumpTo::new)),
        Tuple.of(3, receipts()),
        Tuple.of(1, counts()),
        Tuple.of(2, prices()),
        Tuple.of(2, names().map(Op.NewCustomer::new)),
        Tuple.of(8, sales()),
        Tuple.of(3, returns()),
        Tuple.of(
            1,
            Combinators.combine(
                    Arbitraries.of("NEW-KG", "NEW-EA"),
                    names(),
                    Arbitraries.of("cheese", "bakery", "kitchen", "shirts"),
                    Arbitraries.of("standard", "reduced"))
                .as(Op.NewProduct::new)),
        Tuple.of(1, imports()),
        Tuple.of(2, promotions()),
        Tuple.of(1, Arbitraries.of("p1", "p2", "p3").map(Op.EndPromotion::new)),
        Tuple.of(2, orders()),
        Tuple.of(
            2,
            Combinators.combine(orderPositions(), Arbitraries.of(false, true))
                .as(Op.PickOrder::new)),
        Tuple.of(2, orderPositions().map(Op.ReadyOrder::new)),
        Tuple.of(2, orderPositions().map(Op.CollectOrder::new)),
        Tuple.of(1, orderPositions().map(Op.CancelOrder::new)),
        Tuple.of(3, lookUps()),
        Tuple.of(1, Arbitraries.of("0.00", "150.00", "99.99").map(Op.OpenShift::new)),
        Tuple.of(1, Arbitraries.of("0.00", "150.00", "1234.56").map(Op.CloseShift::new)));
  }

  /**
   * Promotions on a SKU, a category or the basket, some valid between two of the DST edges, some
   * only in the night hours the clocks skip or repeat (02:00-03:00 local).
   */
  static Arbitrary<Op> promotions() {
    Arbitrary<String> target =
        Arbitraries.oneOf(
            Arbitraries.of(SKUS), Arbitraries.of("coffee", "kitchen", "cheese", "BASKET"));
    Arbitrary<String[]> reward =
        Arbitraries.oneOf(
            Arbitraries.of("5", "12.5", "33.3333", "50").map(v -> new String[] {"PERCENT_OFF", v}),
            Arbitraries.of("0.01", "0.99", "3.00").map(v -> new String[] {"AMOUNT_OFF", v}),
            Arbitraries.of("5.00", "9.99", "25.00").map(v -> new String[] {"BUNDLE", v}));
    Arbitrary<String[]> window =
        Arbitraries.oneOf(
            Arbitraries.just(new String[] {null, null}),
            Combinators.combine(Arbitraries.of(EDGES), Arbitraries.of(EDGES))
                .as((a, b) -> a.compareTo(b) < 0 ? new String[] {a, b} : new String[] {b, a})
                .filter(w -> !w[0].equals(w[1])));
    return Combinators.combine(
            Arbitraries.of("p1", "p2", "p3"),
            names(),
            target,
            reward,
            window,
            Arbitraries.of(null, null, "02:00-03:00", "02:30-02:45"))
        .as((id, label, t, r, w, h) -> new Op.Promote(id, label, t, r[0], r[1], w[0], w[1], h));
  }

  /** Look-ups of sales and shifts by what is on paper ({@link Op.LookUp}). */
  static Arbitrary<Op> lookUps() {
    return Combinators.combine(
            Arbitraries.of(
                "NUMBER",
                "DAY",
                "SINCE",
                "CUSTOMER",
                "REGISTER",
                "RETURNED",
                "OPEN_SHIFT",
                "SHIFTS"),
            Arbitraries.integers().between(-1, 9))
        .as(Op.LookUp::new);
  }

  /** Half the time the latest order (-1), so one order goes from placed to collected. */
  static Arbitrary<Integer> orderPositions() {
    return Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 9));
  }

  static Arbitrary<Op> orders() {
    return Combinators.combine(
            lines().list().ofMinSize(1).ofMaxSize(5),
            Arbitraries.of("KIOSK", "WEB", "PHONE"),
            Arbitraries.integers().between(-1, 5),
            Arbitraries.of(1, 24, 48))
        .as(Op.PlaceOrder::new);
  }

  /** From a nanosecond to two days, mostly with digits below the microsecond. */
  static Arbitrary<Op> ticks() {
    return Arbitraries.oneOf(
            Arbitraries.longs().between(1, 999),
            Arbitraries.longs().between(1, 60_000_000_000L),
            Arbitraries.longs().between(1, 172_800_000_000_000L))
        .map(Op.Tick::new);
  }

  static Arbitrary<Op> receipts() {
    return Combinators.combine(stockedOrNew(), Arbitraries.integers().between(1, 400))
        .as((sku, n) -> new Op.Receive(sku, weighed(sku) ? kg(n * 37) : Integer.toString(n)));
  }

  static Arbitrary<Op> counts() {
    return Combinators.combine(stockedOrNew(), Arbitraries.integers().between(0, 300))
        .as((sku, n) -> new Op.Count(sku, weighed(sku) ? kg(n * 13) : Integer.toString(n)));
  }

  /** Whole cents: the API takes a price as money (two decimals in EUR). */
  static Arbitrary<Op> prices() {
    return Combinators.combine(Arbitraries.of(SKUS), Arbitraries.integers().between(1, 9_999))
        .as((sku, cents) -> new Op.SetPrice(sku, BigDecimal.valueOf(cents, 2).toPlainString()));
  }

  /** Names in several scripts, combining marks and an emoji included. */
  static Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "Zoë Ångström",
            "Jürgen Groß",
            "Łukasz Żółć",
            "Ἀριστοτέλης",
            "Дмитрий Шостакович",
            "王小明",
            "佐藤 花子",
            "José\u0301 Nuñez",
            "Ayşe Çelik",
            "Nguyễn Thị Minh Khai",
            "Renée 🧀 Fromage"),
        Arbitraries.strings()
            .withCharRange('\u00c0', '\u024f')
            .withCharRange('\u0400', '\u04ff')
            .withCharRange('\u4e00', '\u4e80')
            .ofMinLength(1)
            .ofMaxLength(40));
  }

  /** Mostly the demo SKUs; now and then a new product (refused until it exists and has a price). */
  static Arbitrary<Op.Line> lines() {
    return Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.of(STOCKED)), Tuple.of(1, Arbitraries.of("NEW-KG", "NEW-EA")))
        .flatMap(
            sku ->
                weighed(sku)
                    ? Arbitraries.integers().between(1, 2_500).map(g -> new Op.Line(sku, kg(g)))
                    : Arbitraries.integers()
                        .between(1, 4)
                        .map(n -> new Op.Line(sku, Integer.toString(n))));
  }

  /** Mostly small baskets, now and then one of up to 300 lines. */
  static Arbitrary<Op> sales() {
    Arbitrary<List<Op.Line>> basket =
        Arbitraries.frequencyOf(
            Tuple.of(9, lines().list().ofMinSize(1).ofMaxSize(6)),
            Tuple.of(1, lines().list().ofMinSize(50).ofMaxSize(300)));
    return Combinators.combine(
            basket,
            Arbitraries.integers().between(-1, 5),
            Arbitraries.of("CASH", "CARD", "CARD", "POINTS_AND_CARD"),
            Arbitraries.of(false, false, false, true),
            Arbitraries.of(false, true))
        .as(Op.Sell::new);
  }

  static Arbitrary<Op> returns() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 50),
            Arbitraries.integers().between(0, 5),
            Arbitraries.of("1", "1", "2", "0.125", "0.5"),
            Arbitraries.of(true, true, false),
            Arbitraries.of(false, false, true))
        .as(Op.Return::new);
  }

  /**
   * A small import: a new product with a Unicode name and its price (four decimals when sold by the
   * kilogram, an amount the API cannot set), up to three receipts (now and then of a SKU the
   * catalogue does not have) and up to two customers.
   */
  static Arbitrary<Op> imports() {
    Arbitrary<Op.Line> receipt =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.of(STOCKED)),
                    Tuple.of(1, Arbitraries.of("NEW-KG", "NEW-EA"))),
                Arbitraries.integers().between(1, 400))
            .as((sku, n) -> new Op.Line(sku, weighed(sku) ? kg(n * 37) : Integer.toString(n)));
    return Combinators.combine(
            Arbitraries.of("NEW-KG", "NEW-EA"),
            names(),
            Arbitraries.of("cheese", "bakery", "kitchen", "shirts"),
            Arbitraries.of("standard", "reduced"),
            Arbitraries.integers().between(1, 99_999),
            receipt.list().ofMaxSize(3),
            names().list().ofMaxSize(2))
        .as(
            (sku, name, category, tax, price, stock, customers) ->
                new Op.Import(
                    sku,
                    name,
                    category,
                    tax,
                    weighed(sku)
                        ? BigDecimal.valueOf(price, 4).toPlainString()
                        : BigDecimal.valueOf(price, 2).toPlainString(),
                    stock,
                    customers));
  }

  /** Grams as kilograms with three decimals: 1 g is 0.001. */
  static String kg(int grams) {
    return BigDecimal.valueOf(grams, 3).toPlainString();
  }
}
