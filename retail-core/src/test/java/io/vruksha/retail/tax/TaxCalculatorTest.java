package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TaxCalculatorTest {

  private static final TaxCategory STANDARD = TaxCategory.of("standard");
  private static final TaxCategory REDUCED = TaxCategory.of("reduced");
  private static final TaxCategory CHILDREN = TaxCategory.of("children-clothing");
  private static final TaxCategory STAMPS = TaxCategory.of("postage");

  private final TaxCalculator calculator = new TaxCalculator();

  private static List<TaxLine> lines(String currency, boolean gross, Object... categoryAmount) {
    List<TaxLine> lines = new ArrayList<>();
    for (int i = 0; i < categoryAmount.length; i += 2) {
      lines.add(
          new TaxLine(
              i / 2,
              (TaxCategory) categoryAmount[i],
              Money.of((String) categoryAmount[i + 1], currency),
              gross));
    }
    return lines;
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void germanVatWithInclusivePricesAndTwoRates() {
    TaxJurisdiction germany =
        TaxJurisdiction.builder("DE", "Germany")
            .pricesIncludeTax(true)
            .rule(TaxRule.standard(STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
            .rule(TaxRule.standard(REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07")))
            .build();
    TaxResult result =
        calculator.calculate(
            germany,
            lines("EUR", true, STANDARD, "119.00", REDUCED, "10.70", STANDARD, "2.99"),
            Optional.empty());

    // 119.00 / 1.19 = 100.00 net, 19.00 tax
    // 10.70 / 1.07 = 10.00 net, 0.70 tax
    // 2.99 x 0.19 / 1.19 = 0.477395 -> 0.48 tax, 2.51 net
    assertThat(result.lines().get(0).tax()).isEqualTo(eur("19.00"));
    assertThat(result.lines().get(1).tax()).isEqualTo(eur("0.70"));
    assertThat(result.lines().get(2).tax()).isEqualTo(eur("0.48"));
    assertThat(result.lines().get(2).net()).isEqualTo(eur("2.51"));
    // totals: gross 119.00 + 10.70 + 2.99 = 132.69; tax 20.18; net 112.51
    assertThat(result.gross()).isEqualTo(eur("132.69"));
    assertThat(result.tax()).isEqualTo(eur("20.18"));
    assertThat(result.net()).isEqualTo(eur("112.51"));
    // breakdown: 19% on 100.00 + 2.51 = 102.51 -> 19.48; 7% on 10.00 -> 0.70
    assertThat(result.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            Tuple.tuple("DE19", eur("102.51"), eur("19.48")),
            Tuple.tuple("DE7", eur("10.00"), eur("0.70")));
  }

  private static TaxJurisdiction chicago(TaxRoundingLevel level) {
    return TaxJurisdiction.builder("US-IL-CHI", "Chicago, Cook County, Illinois")
        .rounding(level, RoundingMode.HALF_UP)
        .rule(
            TaxRule.standard(
                STANDARD,
                TaxRate.of("IL", "Illinois 6.25%", "0.0625"),
                TaxRate.of("COOK", "Cook County 1.75%", "0.0175"),
                TaxRate.of("CHI", "Chicago 1.25%", "0.0125")))
        .build();
  }

  @Test
  void usSalesTaxStateCountyAndCityRoundedPerLine() {
    TaxResult result =
        calculator.calculate(
            chicago(TaxRoundingLevel.LINE),
            lines("USD", false, STANDARD, "19.99", STANDARD, "5.49", STANDARD, "0.99"),
            Optional.empty());
    // 19.99: state 1.249375 -> 1.25, county 0.349825 -> 0.35, city 0.249875 -> 0.25 = 1.85
    // 5.49:  state 0.343125 -> 0.34, county 0.096075 -> 0.10, city 0.068625 -> 0.07 = 0.51
    // 0.99:  state 0.061875 -> 0.06, county 0.017325 -> 0.02, city 0.012375 -> 0.01 = 0.09
    assertThat(result.lines())
        .extracting(LineTax::tax)
        .containsExactly(Money.of("1.85", "USD"), Money.of("0.51", "USD"), Money.of("0.09", "USD"));
    // state 1.65, county 0.47, city 0.33 = 2.45; net 26.47; gross 28.92
    assertThat(result.breakdown())
        .extracting(TaxBreakdownEntry::rateCode, TaxBreakdownEntry::tax)
        .containsExactly(
            Tuple.tuple("IL", Money.of("1.65", "USD")),
            Tuple.tuple("COOK", Money.of("0.47", "USD")),
            Tuple.tuple("CHI", Money.of("0.33", "USD")));
    assertThat(result.tax()).isEqualTo(Money.of("2.45", "USD"));
    assertThat(result.gross()).isEqualTo(Money.of("28.92", "USD"));
  }

  @Test
  void usSalesTaxRoundedPerDocumentComesToACentLess() {
    TaxResult result =
        calculator.calculate(
            chicago(TaxRoundingLevel.DOCUMENT),
            lines("USD", false, STANDARD, "19.99", STANDARD, "5.49", STANDARD, "0.99"),
            Optional.empty());
    // state 1.249375 + 0.343125 + 0.061875 = 1.654375 -> 1.65
    // county 0.349825 + 0.096075 + 0.017325 = 0.463225 -> 0.46 (per line it was 0.47)
    // city 0.249875 + 0.068625 + 0.012375 = 0.330875 -> 0.33
    assertThat(result.tax()).isEqualTo(Money.of("2.44", "USD"));
    assertThat(result.gross()).isEqualTo(Money.of("28.91", "USD"));
    // county 46 cents spread back: exact 34.9825 / 9.6075 / 1.7325 cents, floors 34 + 9 + 1 = 44,
    // the 2 cents left go to the largest remainders .9825 and .7325 -> 0.35 / 0.09 / 0.02
    assertThat(result.lines())
        .extracting(l -> l.taxes().get(1).tax())
        .containsExactly(Money.of("0.35", "USD"), Money.of("0.09", "USD"), Money.of("0.02", "USD"));
  }

  @Test
  void compoundTaxIsChargedOnThePriceAndTheTaxBeforeIt() {
    TaxJurisdiction quebec =
        TaxJurisdiction.builder("CA-QC", "Quebec (compound QST)")
            .rule(
                TaxRule.standard(
                    STANDARD,
                    TaxRate.of("GST", "GST 5%", "0.05"),
                    TaxRate.compound("QST", "QST 9.975%", "0.09975")))
            .build();
    TaxResult result =
        calculator.calculate(quebec, lines("CAD", false, STANDARD, "100.00"), Optional.empty());
    // GST 100.00 x 5% = 5.00; QST on 105.00 x 9.975% = 10.47375 -> 10.47; gross 115.47
    LineTax line = result.lines().get(0);
    assertThat(line.taxes())
        .extracting(TaxAmount::rateCode, TaxAmount::base, TaxAmount::tax)
        .containsExactly(
            Tuple.tuple("GST", Money.of("100.00", "CAD"), Money.of("5.00", "CAD")),
            Tuple.tuple("QST", Money.of("105.00", "CAD"), Money.of("10.47", "CAD")));
    assertThat(result.gross()).isEqualTo(Money.of("115.47", "CAD"));

    // the same shelf price tax-inclusive: F = 1.05 x 1.09975 = 1.1547375; net 115.47 / F = 99.99675
    // GST 99.99675 x 0.05 = 4.99984 -> 5.00; QST 99.99675 x 0.1047375 = 10.47341 -> 10.47; net
    // 100.00
    TaxResult inclusive =
        calculator.calculate(quebec, lines("CAD", true, STANDARD, "115.47"), Optional.empty());
    assertThat(inclusive.net()).isEqualTo(Money.of("100.00", "CAD"));
    assertThat(inclusive.tax()).isEqualTo(Money.of("15.47", "CAD"));
  }

  @Test
  void aCompoundRateRoundedPerLineSeesTheEarlierTaxAsCharged() {
    TaxJurisdiction quebec =
        TaxJurisdiction.builder("CA-QC", "Quebec (compound QST)")
            .rule(
                TaxRule.standard(
                    STANDARD,
                    TaxRate.of("GST", "GST 5%", "0.05"),
                    TaxRate.compound("QST", "QST 9.975%", "0.09975")))
            .build();
    TaxResult result =
        calculator.calculate(quebec, lines("CAD", false, STANDARD, "0.24"), Optional.empty());
    // GST 0.24 x 5% = 0.012 -> 0.01; QST on 0.24 + 0.01 = 0.25 x 9.975% = 0.0249375 -> 0.02
    // (on the unrounded 0.252 it would be 0.025137 -> 0.03, which 0.25 x 9.975% does not give)
    assertThat(result.lines().get(0).taxes())
        .extracting(TaxAmount::rateCode, TaxAmount::base, TaxAmount::tax)
        .containsExactly(
            Tuple.tuple("GST", Money.of("0.24", "CAD"), Money.of("0.01", "CAD")),
            Tuple.tuple("QST", Money.of("0.25", "CAD"), Money.of("0.02", "CAD")));
    // tax 0.03, gross 0.27
    assertThat(result.tax()).isEqualTo(Money.of("0.03", "CAD"));
    assertThat(result.gross()).isEqualTo(Money.of("0.27", "CAD"));
  }

  @Test
  void indianIntraStateGstSplitsIntoCgstAndSgst() {
    TaxJurisdiction karnataka =
        TaxJurisdiction.builder("IN-KA", "Karnataka (intra-state)")
            .rule(
                TaxRule.standard(
                    STANDARD,
                    TaxRate.of("CGST9", "CGST 9%", "0.09"),
                    TaxRate.of("SGST9", "SGST 9%", "0.09")))
            .build();
    TaxResult result =
        calculator.calculate(
            karnataka,
            lines("INR", false, STANDARD, "1000.00", STANDARD, "499.00"),
            Optional.empty());
    // 1000.00: CGST 90.00 + SGST 90.00; 499.00: CGST 44.91 + SGST 44.91
    // net 1499.00, CGST 134.91, SGST 134.91, gross 1768.82
    assertThat(result.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            Tuple.tuple("CGST9", Money.of("1499.00", "INR"), Money.of("134.91", "INR")),
            Tuple.tuple("SGST9", Money.of("1499.00", "INR"), Money.of("134.91", "INR")));
    assertThat(result.gross()).isEqualTo(Money.of("1768.82", "INR"));
  }

  @Test
  void oneBasketTwoTotalsLineVersusDocumentRounding() {
    TaxJurisdiction.Builder base =
        TaxJurisdiction.builder("X", "Ten percent")
            .rule(TaxRule.standard(STANDARD, TaxRate.of("T10", "10%", "0.10")));
    List<TaxLine> basket =
        lines("EUR", false, STANDARD, "0.15", STANDARD, "0.15", STANDARD, "0.15");
    // per line: 0.015 -> 0.02 (half-up), three times = 0.06; total 0.45 + 0.06 = 0.51
    TaxResult perLine = calculator.calculate(base.build(), basket, Optional.empty());
    assertThat(perLine.tax()).isEqualTo(eur("0.06"));
    assertThat(perLine.gross()).isEqualTo(eur("0.51"));
    // per document: 0.045 -> 0.05; total 0.50; spread 2/2/1 cents (equal remainders, earlier first)
    TaxResult perDocument =
        calculator.calculate(
            TaxJurisdiction.builder("X", "Ten percent")
                .rounding(TaxRoundingLevel.DOCUMENT, RoundingMode.HALF_UP)
                .rule(TaxRule.standard(STANDARD, TaxRate.of("T10", "10%", "0.10")))
                .build(),
            basket,
            Optional.empty());
    assertThat(perDocument.tax()).isEqualTo(eur("0.05"));
    assertThat(perDocument.gross()).isEqualTo(eur("0.50"));
    assertThat(perDocument.lines())
        .extracting(LineTax::tax)
        .containsExactly(eur("0.02"), eur("0.02"), eur("0.01"));
  }

  private static TaxJurisdiction unitedKingdom() {
    return TaxJurisdiction.builder("GB", "United Kingdom")
        .pricesIncludeTax(true)
        .rule(TaxRule.standard(STANDARD, TaxRate.of("GB20", "VAT 20%", "0.20")))
        .rule(TaxRule.zeroRated(CHILDREN))
        .rule(TaxRule.exempt(STAMPS))
        .build();
  }

  @Test
  void zeroRatedAndExemptAreReportedApart() {
    TaxResult result =
        calculator.calculate(
            unitedKingdom(),
            lines("GBP", true, STANDARD, "12.00", CHILDREN, "8.00", STAMPS, "1.50"),
            Optional.empty());
    // 12.00 incl. 20%: tax 2.00, net 10.00; children's clothing zero-rated; stamps exempt
    assertThat(result.breakdown())
        .extracting(
            TaxBreakdownEntry::rateCode,
            TaxBreakdownEntry::treatment,
            TaxBreakdownEntry::taxableBase,
            TaxBreakdownEntry::tax)
        .containsExactly(
            Tuple.tuple(
                "GB20", TaxTreatment.STANDARD, Money.of("10.00", "GBP"), Money.of("2.00", "GBP")),
            Tuple.tuple(
                "ZERO", TaxTreatment.ZERO_RATED, Money.of("8.00", "GBP"), Money.of("0.00", "GBP")),
            Tuple.tuple(
                "EXEMPT", TaxTreatment.EXEMPT, Money.of("1.50", "GBP"), Money.of("0.00", "GBP")));
    assertThat(result.tax()).isEqualTo(Money.of("2.00", "GBP"));
    assertThat(result.exemptionCertificate()).isEmpty();
  }

  @Test
  void aCustomerCertificateExemptsTheCategoriesItCovers() {
    TaxResult result =
        calculator.calculate(
            unitedKingdom(),
            lines("GBP", true, STANDARD, "12.00", CHILDREN, "8.00"),
            Optional.of(new TaxExemption("RESALE-123", Set.of(STANDARD))));
    // the standard line is exempt: no tax is extracted, the shelf price is the net
    assertThat(result.lines().get(0).treatment()).isEqualTo(TaxTreatment.EXEMPT);
    assertThat(result.lines().get(0).net()).isEqualTo(Money.of("12.00", "GBP"));
    assertThat(result.tax()).isEqualTo(Money.of("0.00", "GBP"));
    assertThat(result.exemptionCertificate()).contains("RESALE-123");
    assertThat(result.lines().get(1).treatment()).isEqualTo(TaxTreatment.ZERO_RATED);
  }

  @Test
  void aReturnLineCarriesNegativeTax() {
    TaxResult result =
        calculator.calculate(
            unitedKingdom(), lines("GBP", true, STANDARD, "-12.00"), Optional.empty());
    assertThat(result.tax()).isEqualTo(Money.of("-2.00", "GBP"));
    assertThat(result.net()).isEqualTo(Money.of("-10.00", "GBP"));
  }

  @Test
  void aMissingRuleIsANamedErrorNotZeroTax() {
    assertThatThrownBy(
            () ->
                calculator.calculate(
                    unitedKingdom(),
                    lines("GBP", true, TaxCategory.of("alcohol"), "5.00"),
                    Optional.empty()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("tax jurisdiction GB has no rule for tax category alcohol")
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.TAX_RULE_MISSING);
  }

  @Test
  void inconsistentRulesAreRefused() {
    assertThatThrownBy(() -> new TaxRule(STANDARD, TaxTreatment.STANDARD, List.of()))
        .hasMessageContaining("has no rate");
    assertThatThrownBy(() -> TaxRate.of("BAD", "Bad", "1.5"))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(
            () ->
                TaxRule.standard(
                    STANDARD, TaxRate.of("A", "A", "0.1"), TaxRate.of("A", "A", "0.2")))
        .hasMessageContaining("twice");
  }

  @Test
  void aRateCodeSharedByTwoRulesMustMeanTheSameRate() {
    // one breakdown row per code: "IL" cannot be 6.25% on one category and 1% on another
    TaxJurisdiction.Builder illinois =
        TaxJurisdiction.builder("US-IL", "Illinois")
            .rule(TaxRule.standard(STANDARD, TaxRate.of("IL", "Illinois", "0.0625")))
            .rule(TaxRule.standard(REDUCED, TaxRate.of("IL", "Illinois", "0.01")));
    assertThatThrownBy(illinois::build)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tax rate code IL means both")
        .hasMessageContaining("\"Illinois\" at 0.0625")
        .hasMessageContaining("\"Illinois\" at 0.01")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.TAX_RULE_INVALID);
    // the same rate shared is fine, however its scale is written
    TaxJurisdiction shared =
        TaxJurisdiction.builder("US-IL", "Illinois")
            .rule(TaxRule.standard(STANDARD, TaxRate.of("IL", "Illinois", "0.0625")))
            .rule(TaxRule.standard(REDUCED, TaxRate.of("IL", "Illinois", "0.06250")))
            .build();
    assertThat(shared.rules()).hasSize(2);
  }
}
