package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TaxPropertiesTest {

  private static final TaxCategory A = TaxCategory.of("a");
  private static final TaxCategory B = TaxCategory.of("b");
  private static final TaxCategory Z = TaxCategory.of("z");

  private final TaxCalculator calculator = new TaxCalculator();

  record Scenario(TaxJurisdiction jurisdiction, List<TaxLine> lines) {}

  /** Up to three rates whose codes start with {@code prefix}, so two rules never share a code. */
  private static Arbitrary<List<TaxRate>> rates(String prefix) {
    Arbitrary<TaxRate> rate =
        Combinators.combine(
                Arbitraries.integers().between(0, 3000),
                Arbitraries.of(true, false),
                Arbitraries.strings().alpha().ofLength(4))
            .as(
                (bp, compound, code) ->
                    new TaxRate(prefix + code, prefix + code, BigDecimal.valueOf(bp, 4), compound));
    return rate.list().ofMinSize(1).ofMaxSize(3).uniqueElements(TaxRate::code);
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<TaxLine> line =
        Combinators.combine(
                Arbitraries.of(A, B, Z),
                Arbitraries.longs().between(-100_000, 1_000_000),
                Arbitraries.of(true, false))
            .as(
                (c, minor, gross) ->
                    new TaxLine(0, c, Money.ofMinor(Currency.getInstance("EUR"), minor), gross));
    return Combinators.combine(
            rates("A-"),
            rates("B-"),
            Arbitraries.of(TaxRoundingLevel.values()),
            Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN),
            line.list().ofMinSize(1).ofMaxSize(25))
        .as(
            (ra, rb, level, mode, ls) -> {
              TaxJurisdiction j =
                  TaxJurisdiction.builder("P", "Property")
                      .rounding(level, mode)
                      .rule(new TaxRule(A, TaxTreatment.STANDARD, ra))
                      .rule(new TaxRule(B, TaxTreatment.STANDARD, rb))
                      .rule(TaxRule.zeroRated(Z))
                      .build();
              List<TaxLine> indexed = new ArrayList<>();
              for (int i = 0; i < ls.size(); i++) {
                TaxLine l = ls.get(i);
                indexed.add(new TaxLine(i, l.category(), l.amount(), l.amountIncludesTax()));
              }
              return new Scenario(j, indexed);
            });
  }

  @Property(tries = 1000)
  void everythingAddsUpExactly(@ForAll("scenarios") Scenario s) {
    TaxResult r = calculator.calculate(s.jurisdiction(), s.lines(), Optional.empty());
    Money zero = Money.zero(r.net().currency());
    Money lineNets = zero;
    Money lineTaxes = zero;
    for (LineTax l : r.lines()) {
      assertThat(l.net().plus(l.tax())).isEqualTo(l.gross());
      assertThat(l.taxes().stream().map(TaxAmount::tax).reduce(zero, Money::plus))
          .isEqualTo(l.tax());
      lineNets = lineNets.plus(l.net());
      lineTaxes = lineTaxes.plus(l.tax());
    }
    assertThat(lineNets).isEqualTo(r.net());
    assertThat(lineTaxes).isEqualTo(r.tax());
    assertThat(r.breakdown().stream().map(TaxBreakdownEntry::tax).reduce(zero, Money::plus))
        .isEqualTo(r.tax());
    assertThat(r.net().plus(r.tax())).isEqualTo(r.gross());
    for (TaxBreakdownEntry e : r.breakdown()) {
      Money perRate =
          r.lines().stream()
              .flatMap(l -> l.taxes().stream())
              .filter(t -> t.rateCode().equals(e.rateCode()))
              .map(TaxAmount::tax)
              .reduce(zero, Money::plus);
      assertThat(perRate).isEqualTo(e.tax());
    }
    // a gross line keeps exactly the amount the shelf showed; a net line keeps its net
    for (int i = 0; i < s.lines().size(); i++) {
      TaxLine in = s.lines().get(i);
      LineTax out = r.lines().get(i);
      assertThat(in.amountIncludesTax() ? out.gross() : out.net()).isEqualTo(in.amount());
    }
  }

  @Property(tries = 1000)
  void aNetLineRoundedPerLineChargesEachRateOnItsPrintedBase(@ForAll("scenarios") Scenario s) {
    TaxJurisdiction j = s.jurisdiction();
    Assume.that(j.roundingLevel() == TaxRoundingLevel.LINE);
    TaxResult r = calculator.calculate(j, s.lines(), Optional.empty());
    for (int i = 0; i < s.lines().size(); i++) {
      if (s.lines().get(i).amountIncludesTax()) {
        continue;
      }
      for (TaxAmount t : r.lines().get(i).taxes()) {
        // what a customer can check on the receipt: base x rate, rounded, is the tax
        assertThat(t.tax()).isEqualTo(t.base().times(t.rate(), j.roundingMode()));
      }
    }
  }

  @Property(tries = 1000)
  void inclusiveAndExclusivePricingOfTheSameNetAgree(
      @ForAll @LongRange(min = 0, max = 10_000_000) long netMinor,
      @ForAll @IntRange(min = 0, max = 5000) int basisPoints,
      @ForAll boolean halfEven) {
    TaxJurisdiction j =
        TaxJurisdiction.builder("P", "Property")
            .rounding(
                TaxRoundingLevel.LINE, halfEven ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP)
            .rule(
                TaxRule.standard(
                    A, new TaxRate("R", "R", BigDecimal.valueOf(basisPoints, 4), false)))
            .build();
    Money net = Money.ofMinor(Currency.getInstance("EUR"), netMinor);
    TaxResult exclusive =
        calculator.calculate(j, List.of(new TaxLine(0, A, net, false)), Optional.empty());
    TaxResult inclusive =
        calculator.calculate(
            j, List.of(new TaxLine(0, A, exclusive.gross(), true)), Optional.empty());
    assertThat(inclusive.net()).isEqualTo(net);
    assertThat(inclusive.tax()).isEqualTo(exclusive.tax());
  }
}
