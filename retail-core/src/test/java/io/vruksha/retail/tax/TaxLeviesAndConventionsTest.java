package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Worked examples for per-unit levies, included and excluded taxes on one line, the inclusive-split
 * convention and threshold rates, from published rules of real jurisdictions (cited per test).
 */
class TaxLeviesAndConventionsTest {

  private static final TaxCategory DRINKS = TaxCategory.of("drinks");
  private static final TaxCategory APPLIANCES = TaxCategory.of("appliances");
  private static final TaxCategory STANDARD = TaxCategory.of("standard");
  private static final TaxCategory CLOTHING = TaxCategory.of("clothing");
  private static final TaxCategory OUTSIDE = TaxCategory.of("outside-tax");

  private final TaxCalculator calculator = new TaxCalculator();

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  private TaxResult one(TaxJurisdiction j, TaxLine... lines) {
    return calculator.calculate(j, List.of(lines), Optional.empty());
  }

  /**
   * Germany: a single-use drinks bottle carries a deposit of at least 0.25 EUR "einschließlich
   * Umsatzsteuer" (Verpackungsgesetz §31(1)); the deposit is part of the consideration for the
   * drink and takes its VAT rate (UStAE Abschnitt 10.1 Abs. 8), 19% for a soft drink (UStG §12(1)).
   * Shelf prices include VAT; the deposit is added on top ("zzgl. Pfand").
   */
  private static TaxJurisdiction germany() {
    return TaxJurisdiction.builder("DE", "Germany")
        .pricesIncludeTax(true)
        .rule(
            TaxRule.standard(DRINKS, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                .withLevy(TaxLevy.perUnitOnTop("PFAND025", "Pfand", eur("0.25"), DRINKS)))
        .build();
  }

  @Test
  void germanDepositOnASixPackIsItsOwnLineAndTakesTheDrinksVat() {
    // six bottles at 0.69 = 4.14 including VAT, plus 6 × 0.25 = 1.50 deposit including VAT
    TaxResult r = one(germany(), new TaxLine(0, DRINKS, eur("4.14"), true, Quantity.each(6)));

    LineTax line = r.lines().get(0);
    // drink: 4.14 × 19/119 = 0.66101 -> 0.66 VAT, net 3.48
    assertThat(line.taxes())
        .extracting(TaxAmount::rateCode, TaxAmount::base, TaxAmount::tax)
        .containsExactly(tuple("DE19", eur("3.48"), eur("0.66")));
    // deposit: 1.50 × 19/119 = 0.23950 -> 0.24 VAT, net 1.26
    assertThat(line.levies())
        .extracting(LevyTax::code, LevyTax::charged, LevyTax::net, LevyTax::tax, LevyTax::gross)
        .containsExactly(tuple("PFAND025", eur("1.50"), eur("1.26"), eur("0.24"), eur("1.50")));
    assertThat(line.levies().get(0).taxes())
        .extracting(TaxAmount::rateCode, TaxAmount::base, TaxAmount::tax)
        .containsExactly(tuple("DE19", eur("1.26"), eur("0.24")));
    // the line: 4.14 + 1.50 = 5.64 paid, VAT 0.66 + 0.24 = 0.90, net 3.48 + 1.26 = 4.74
    assertThat(line.gross()).isEqualTo(eur("5.64"));
    assertThat(line.tax()).isEqualTo(eur("0.90"));
    assertThat(line.net()).isEqualTo(eur("4.74"));
    // one VAT row for drink and deposit: base 4.74, VAT 0.90
    assertThat(r.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(tuple("DE19", eur("4.74"), eur("0.90")));
    assertThat(r.gross()).isEqualTo(eur("5.64"));
  }

  @Test
  void returningTheSixPackRefundsTheDepositToo() {
    TaxResult r = one(germany(), new TaxLine(0, DRINKS, eur("-4.14"), true, Quantity.each(6)));

    assertThat(r.lines().get(0).levies().get(0).charged()).isEqualTo(eur("-1.50"));
    assertThat(r.lines().get(0).levies().get(0).tax()).isEqualTo(eur("-0.24"));
    assertThat(r.gross()).isEqualTo(eur("-5.64"));
    assertThat(r.tax()).isEqualTo(eur("-0.90"));
  }

  /**
   * France: an electrical appliance's price shows the visible eco-fee it contains ("dont
   * éco-participation", Code de l'environnement art. L541-10-20, as we read it), and VAT at the
   * product's rate is due on it as on the rest of the price (it is part of the taxable amount, CGI
   * art. 267); standard rate 20% (CGI art. 278). 10.00 is an illustrative amount on the
   * eco-organism's scale.
   */
  @Test
  void frenchEcoParticipationInsideTheVatInclusivePriceIsShownWithItsVat() {
    TaxJurisdiction france =
        TaxJurisdiction.builder("FR", "France")
            .pricesIncludeTax(true)
            .rule(
                TaxRule.standard(APPLIANCES, TaxRate.of("FR20", "TVA 20%", "0.20"))
                    .withLevy(
                        TaxLevy.perUnitInPrice(
                            "ECO-DEEE", "Éco-participation", eur("10.00"), APPLIANCES)))
            .build();
    // a washing machine at 499.00 TTC, dont éco-participation 10.00
    TaxResult r = one(france, new TaxLine(0, APPLIANCES, eur("499.00"), true, Quantity.each(1)));

    LineTax line = r.lines().get(0);
    // goods: 499.00 − 10.00 = 489.00 TTC; 489.00 / 6 = 81.50 VAT, net 407.50
    assertThat(line.taxes())
        .extracting(TaxAmount::base, TaxAmount::tax)
        .containsExactly(tuple(eur("407.50"), eur("81.50")));
    // eco-fee: 10.00 / 6 = 1.6667 -> 1.67 VAT, net 8.33
    assertThat(line.levies())
        .extracting(LevyTax::charged, LevyTax::net, LevyTax::tax, LevyTax::gross)
        .containsExactly(tuple(eur("10.00"), eur("8.33"), eur("1.67"), eur("10.00")));
    // the customer pays the shelf price: 499.00, VAT 83.17, net 415.83
    assertThat(line.gross()).isEqualTo(eur("499.00"));
    assertThat(line.tax()).isEqualTo(eur("83.17"));
    assertThat(r.breakdown())
        .extracting(TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(tuple(eur("415.83"), eur("83.17")));
  }

  @Test
  void aLevyOutsideTheTaxIsReportedAsExemptTurnover() {
    TaxJurisdiction j =
        TaxJurisdiction.builder("DE-X", "Deposit outside VAT (illustration)")
            .pricesIncludeTax(true)
            .rule(
                TaxRule.standard(DRINKS, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                    .withLevy(TaxLevy.perUnitOnTop("DEP", "Deposit", eur("0.15"), OUTSIDE)))
            .rule(TaxRule.exempt(OUTSIDE))
            .build();
    TaxResult r = one(j, new TaxLine(0, DRINKS, eur("11.90"), true, Quantity.each(4)));

    // 11.90 -> net 10.00, VAT 1.90; deposit 4 × 0.15 = 0.60 with no tax
    assertThat(r.lines().get(0).levies().get(0).tax()).isEqualTo(eur("0.00"));
    assertThat(r.lines().get(0).levies().get(0).treatment()).isEqualTo(TaxTreatment.EXEMPT);
    assertThat(r.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            tuple("DE19", eur("10.00"), eur("1.90")), tuple("EXEMPT", eur("0.60"), eur("0.00")));
    assertThat(r.gross()).isEqualTo(eur("12.50"));
  }

  @Test
  void aLevyPerLitreOnALineSoldByThePieceIsRefused() {
    TaxJurisdiction j =
        TaxJurisdiction.builder("X", "Excise per litre (illustration)")
            .rule(
                TaxRule.standard(DRINKS, TaxRate.of("R", "R", "0.10"))
                    .withLevy(
                        new TaxLevy(
                            "EXC",
                            "Excise",
                            eur("0.50"),
                            UnitOfMeasure.LITRE,
                            DRINKS,
                            TaxInclusion.ON_TOP)))
            .build();

    assertThatThrownBy(() -> one(j, new TaxLine(0, DRINKS, eur("3.00"), false, Quantity.each(2))))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.TAX_RULE_INVALID);
    // by the litre it works: 1.5 l × 0.50 = 0.75 excise on top, itself taxed at 10% = 0.08
    TaxResult r =
        one(j, new TaxLine(0, DRINKS, eur("3.00"), false, Quantity.of("1.5", UnitOfMeasure.LITRE)));
    assertThat(r.lines().get(0).levies().get(0).charged()).isEqualTo(eur("0.75"));
    // 3.00 × 10% = 0.30; 0.75 × 10% = 0.075 -> 0.08; total 3.00 + 0.30 + 0.75 + 0.08 = 4.13
    assertThat(r.gross()).isEqualTo(eur("4.13"));
  }

  @Test
  void aLevyTaxedUnderACategoryWithoutARuleIsRefusedWhenTheJurisdictionIsBuilt() {
    assertThatThrownBy(
            () ->
                TaxJurisdiction.builder("DE", "Germany")
                    .rule(
                        TaxRule.standard(DRINKS, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                            .withLevy(TaxLevy.perUnitOnTop("P", "Pfand", eur("0.25"), OUTSIDE)))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside-tax");
  }

  /** Illustration (no jurisdiction): a VAT-inclusive price with a 2% surcharge added on top. */
  @Test
  void anIncludedRateAndARateOnTopOnOneLine() {
    TaxJurisdiction j =
        TaxJurisdiction.builder("MIX", "Mixed inclusion (illustration)")
            .pricesIncludeTax(true)
            .rule(
                TaxRule.standard(
                    STANDARD,
                    TaxRate.of("DE19", "MwSt 19%", "0.19"),
                    TaxRate.of("S2", "Surcharge 2%", "0.02").onTop()))
            .build();
    TaxResult r = one(j, new TaxLine(0, STANDARD, eur("119.00"), true));

    // 119.00 includes 19%: net 100.00, VAT 19.00; the 2% comes on top of the net: 2.00
    assertThat(r.lines().get(0).taxes())
        .extracting(TaxAmount::rateCode, TaxAmount::base, TaxAmount::tax)
        .containsExactly(
            tuple("DE19", eur("100.00"), eur("19.00")), tuple("S2", eur("100.00"), eur("2.00")));
    assertThat(r.net()).isEqualTo(eur("100.00"));
    assertThat(r.gross()).isEqualTo(eur("121.00"));
  }

  private static TaxJurisdiction twoIncludedTens(InclusiveSplit split) {
    return TaxJurisdiction.builder("TWO", "Two included 10% rates (issue 26)")
        .pricesIncludeTax(true)
        .inclusiveSplit(split)
        .rule(
            TaxRule.standard(
                STANDARD, TaxRate.of("A10", "A 10%", "0.10"), TaxRate.of("B10", "B 10%", "0.10")))
        .build();
  }

  @Test
  void roundTaxesRoundsEachTaxAndLeavesTheNetAsTheRemainder() {
    TaxResult r = one(twoIncludedTens(InclusiveSplit.ROUND_TAXES), line("100.00"));

    // exact net 100 / 1.2 = 83.333..., each tax 8.333... -> 8.33 + 8.33, net 100 − 16.66 = 83.34
    assertThat(r.lines().get(0).taxes())
        .extracting(TaxAmount::tax)
        .containsExactly(eur("8.33"), eur("8.33"));
    assertThat(r.net()).isEqualTo(eur("83.34"));
    assertThat(r.gross()).isEqualTo(eur("100.00"));
  }

  @Test
  void roundNetRoundsTheNetAndGivesTheRoundingCentToTheLastTax() {
    TaxResult r = one(twoIncludedTens(InclusiveSplit.ROUND_NET), line("100.00"));

    // net 83.333... -> 83.33; taxes 16.67: the first 8.33 as rounded, the last takes 8.34
    assertThat(r.lines().get(0).taxes())
        .extracting(TaxAmount::tax)
        .containsExactly(eur("8.33"), eur("8.34"));
    assertThat(r.net()).isEqualTo(eur("83.33"));
    assertThat(r.gross()).isEqualTo(eur("100.00"));
    assertThat(r.breakdown())
        .extracting(TaxBreakdownEntry::tax)
        .containsExactly(eur("8.33"), eur("8.34"));
  }

  @Test
  void roundNetNeedsLineRounding() {
    assertThatThrownBy(
            () ->
                TaxJurisdiction.builder("X", "X")
                    .rounding(TaxRoundingLevel.DOCUMENT, RoundingMode.HALF_UP)
                    .inclusiveSplit(InclusiveSplit.ROUND_NET)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.TAX_RULE_INVALID);
  }

  private static TaxLine line(String gross) {
    return new TaxLine(0, STANDARD, eur(gross), true);
  }

  /**
   * New York City: state 4% (NY Tax Law §1105), city 4.5% (§1107) and the Metropolitan Commuter
   * Transportation District 0.375% (§1109), 8.875% combined (Publication 718). Clothing and
   * footwear sold for less than $110 per item is exempt from all three in New York City
   * (§1115(a)(30), TB-ST-530, Publication 718-C).
   */
  private static TaxJurisdiction newYorkCity() {
    TaxThreshold from110 = TaxThreshold.atOrAbove("110.00");
    TaxRate state = TaxRate.of("NYS4", "NY State 4%", "0.04");
    TaxRate city = TaxRate.of("NYC45", "NY City 4.5%", "0.045");
    TaxRate mctd = TaxRate.of("MCTD", "MCTD 0.375%", "0.00375");
    return TaxJurisdiction.builder("US-NY-NYC", "New York City")
        .rule(TaxRule.standard(STANDARD, state, city, mctd))
        .rule(
            TaxRule.standard(
                CLOTHING, state.onlyWhen(from110), city.onlyWhen(from110), mctd.onlyWhen(from110)))
        .build();
  }

  @Test
  void newYorkClothingUnder110PerItemIsExemptAndTheThresholdIsPerUnitNotPerLine() {
    TaxResult r =
        one(
            newYorkCity(),
            // two shirts at 49.99: the line is 99.98 and each item is below 110, so exempt
            new TaxLine(0, CLOTHING, usd("99.98"), false, Quantity.each(2)),
            // a jacket at 120.00: 4.80 + 5.40 + 0.45 = 10.65
            new TaxLine(1, CLOTHING, usd("120.00"), false, Quantity.each(1)),
            // an umbrella at 19.99: 0.7996 -> 0.80, 0.89955 -> 0.90, 0.0749625 -> 0.07 = 1.77
            new TaxLine(2, STANDARD, usd("19.99"), false, Quantity.each(1)));

    assertThat(r.lines())
        .extracting(LineTax::treatment, LineTax::tax)
        .containsExactly(
            tuple(TaxTreatment.EXEMPT, usd("0.00")),
            tuple(TaxTreatment.STANDARD, usd("10.65")),
            tuple(TaxTreatment.STANDARD, usd("1.77")));
    // per rate on 120.00 + 19.99 = 139.99: city 5.40 + 0.90, state 4.80 + 0.80, MCTD 0.45 + 0.07
    assertThat(r.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            tuple("NYC45", usd("139.99"), usd("6.30")),
            tuple("NYS4", usd("139.99"), usd("5.60")),
            tuple("MCTD", usd("139.99"), usd("0.52")),
            tuple("EXEMPT", usd("99.98"), usd("0.00")));
    // 99.98 + 120.00 + 19.99 = 239.97 net, tax 12.42, total 252.39
    assertThat(r.tax()).isEqualTo(usd("12.42"));
    assertThat(r.gross()).isEqualTo(usd("252.39"));
  }

  @Test
  void newYorkClothingAtExactly110IsTaxedAndAt10999IsNot() {
    TaxResult r =
        one(
            newYorkCity(),
            new TaxLine(0, CLOTHING, usd("110.00"), false, Quantity.each(1)),
            new TaxLine(1, CLOTHING, usd("109.99"), false, Quantity.each(1)));

    // "less than $110" is exempt; 110.00 pays 4.40 + 4.95 + 0.4125 -> 0.41 = 9.76
    assertThat(r.lines().get(0).tax()).isEqualTo(usd("9.76"));
    assertThat(r.lines().get(1).tax()).isEqualTo(usd("0.00"));
  }

  /**
   * Chicago, Cook County: Illinois 6.25% (35 ILCS 120/2-10), Cook County 1.75%, City of Chicago
   * 1.25% and the Regional Transportation Authority 1.00%, 10.25% combined (Illinois Department of
   * Revenue tax rate finder, ST-62 for Chicago).
   */
  @Test
  void chicagoStateCountyCityAndTransitRatesAddUpTo1025Percent() {
    TaxJurisdiction chicago =
        TaxJurisdiction.builder("US-IL-CHI", "Chicago")
            .rule(
                TaxRule.standard(
                    STANDARD,
                    TaxRate.of("IL", "Illinois 6.25%", "0.0625"),
                    TaxRate.of("COOK", "Cook County 1.75%", "0.0175"),
                    TaxRate.of("CHI", "Chicago 1.25%", "0.0125"),
                    TaxRate.of("RTA", "RTA 1%", "0.01")))
            .build();
    TaxResult r =
        one(
            chicago,
            new TaxLine(0, STANDARD, usd("19.99"), false),
            new TaxLine(1, STANDARD, usd("5.49"), false));

    // 19.99: 1.249375 -> 1.25, 0.349825 -> 0.35, 0.249875 -> 0.25, 0.1999 -> 0.20 = 2.05
    // 5.49: 0.343125 -> 0.34, 0.096075 -> 0.10, 0.068625 -> 0.07, 0.0549 -> 0.05 = 0.56
    assertThat(r.lines()).extracting(LineTax::tax).containsExactly(usd("2.05"), usd("0.56"));
    assertThat(r.breakdown())
        .extracting(TaxBreakdownEntry::rateCode, TaxBreakdownEntry::tax)
        .containsExactly(
            tuple("IL", usd("1.59")),
            tuple("COOK", usd("0.45")),
            tuple("CHI", usd("0.32")),
            tuple("RTA", usd("0.25")));
    // 25.48 + 2.61 = 28.09
    assertThat(r.gross()).isEqualTo(usd("28.09"));
  }
}
