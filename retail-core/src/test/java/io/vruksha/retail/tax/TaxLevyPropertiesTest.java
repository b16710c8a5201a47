package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random baskets with levies (on top and in the price, taxed, zero-rated or exempt), rates that
 * follow the price or come on top of it, both rounding levels and both inclusive splits.
 */
class TaxLevyPropertiesTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final TaxCategory A = TaxCategory.of("a");
  private static final TaxCategory B = TaxCategory.of("b");
  private static final TaxCategory Z = TaxCategory.of("z");
  private static final TaxCategory E = TaxCategory.of("e");

  private final TaxCalculator calculator = new TaxCalculator();

  record Basket(
      List<TaxRate> ra,
      List<TaxRate> rb,
      List<TaxLevy> levies,
      TaxRoundingLevel level,
      RoundingMode mode,
      List<TaxLine> lines) {

    TaxJurisdiction jurisdiction(TaxRoundingLevel level, InclusiveSplit split) {
      return TaxJurisdiction.builder("P", "Property")
          .rounding(level, mode)
          .inclusiveSplit(split)
          .rule(new TaxRule(A, TaxTreatment.STANDARD, ra, levies))
          .rule(new TaxRule(B, TaxTreatment.STANDARD, rb))
          .rule(TaxRule.zeroRated(Z))
          .rule(TaxRule.exempt(E))
          .build();
    }
  }

  private static Arbitrary<List<TaxRate>> rates(String prefix) {
    Arbitrary<TaxRate> rate =
        Combinators.combine(
                Arbitraries.integers().between(0, 3000),
                Arbitraries.of(true, false),
                Arbitraries.of(TaxInclusion.values()),
                Arbitraries.strings().alpha().ofLength(4))
            .as(
                (bp, compound, inclusion, code) ->
                    new TaxRate(
                        prefix + code,
                        prefix + code,
                        BigDecimal.valueOf(bp, 4),
                        compound,
                        inclusion,
                        Optional.empty()));
    return rate.list().ofMinSize(1).ofMaxSize(3).uniqueElements(TaxRate::code);
  }

  private static Arbitrary<List<TaxLevy>> levies() {
    Arbitrary<TaxLevy> levy =
        Combinators.combine(
                Arbitraries.strings().alpha().ofLength(3),
                Arbitraries.longs().between(1, 2_000),
                Arbitraries.of(A, B, Z, E),
                Arbitraries.of(TaxInclusion.values()))
            .as(
                (code, minor, taxedAs, inclusion) ->
                    new TaxLevy(
                        "L" + code,
                        "Levy " + code,
                        Money.ofMinor(EUR, minor),
                        UnitOfMeasure.EACH,
                        taxedAs,
                        inclusion));
    return levy.list().ofMinSize(0).ofMaxSize(2).uniqueElements(TaxLevy::code);
  }

  @Provide
  Arbitrary<Basket> baskets() {
    Arbitrary<TaxLine> line =
        Combinators.combine(
                Arbitraries.of(A, B, Z),
                Arbitraries.longs().between(-100_000, 1_000_000),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 12))
            .as(
                (c, minor, gross, n) ->
                    new TaxLine(0, c, Money.ofMinor(EUR, minor), gross, Quantity.each(n)));
    return Combinators.combine(
            rates("A-"),
            rates("B-"),
            levies(),
            Arbitraries.of(TaxRoundingLevel.values()),
            Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN),
            line.list().ofMinSize(1).ofMaxSize(20))
        .as(
            (ra, rb, lv, level, mode, ls) -> {
              List<TaxLine> indexed = new ArrayList<>();
              for (int i = 0; i < ls.size(); i++) {
                TaxLine l = ls.get(i);
                indexed.add(
                    new TaxLine(i, l.category(), l.amount(), l.amountIncludesTax(), l.quantity()));
              }
              return new Basket(ra, rb, lv, level, mode, indexed);
            });
  }

  @Property(tries = 1000)
  void linesAddUpToTheTotalAndTheBreakdownToTheTax(@ForAll("baskets") Basket b) {
    InclusiveSplit split =
        b.level() == TaxRoundingLevel.LINE ? InclusiveSplit.ROUND_NET : InclusiveSplit.ROUND_TAXES;
    for (InclusiveSplit s : List.of(InclusiveSplit.ROUND_TAXES, split)) {
      TaxResult r = calculator.calculate(b.jurisdiction(b.level(), s), b.lines(), Optional.empty());
      Money zero = Money.zero(EUR);
      Money nets = zero;
      Money taxes = zero;
      Money grosses = zero;
      List<TaxAmount> every = new ArrayList<>();
      for (LineTax l : r.lines()) {
        assertThat(l.net().plus(l.tax())).isEqualTo(l.gross());
        Money parts = sum(l.taxes());
        Money levyNets = zero;
        for (LevyTax levy : l.levies()) {
          assertThat(levy.net().plus(levy.tax())).isEqualTo(levy.gross());
          assertThat(sum(levy.taxes())).isEqualTo(levy.tax());
          parts = parts.plus(levy.tax());
          levyNets = levyNets.plus(levy.net());
          every.addAll(levy.taxes());
        }
        every.addAll(l.taxes());
        assertThat(parts).isEqualTo(l.tax());
        nets = nets.plus(l.net());
        taxes = taxes.plus(l.tax());
        grosses = grosses.plus(l.gross());
      }
      assertThat(nets).isEqualTo(r.net());
      assertThat(taxes).isEqualTo(r.tax());
      assertThat(grosses).isEqualTo(r.gross());
      assertThat(r.net().plus(r.tax())).isEqualTo(r.gross());
      assertThat(r.breakdown().stream().map(TaxBreakdownEntry::tax).reduce(zero, Money::plus))
          .isEqualTo(r.tax());
      for (TaxBreakdownEntry e : r.breakdown()) {
        Money perRate =
            every.stream()
                .filter(t -> t.rateCode().equals(e.rateCode()))
                .map(TaxAmount::tax)
                .reduce(zero, Money::plus);
        assertThat(perRate).isEqualTo(e.tax());
      }
    }
  }

  @Property(tries = 1000)
  void roundNetAndRoundTaxesDifferByAtMostOneMinorUnitPerRate(@ForAll("baskets") Basket b) {
    TaxResult taxes =
        calculator.calculate(
            b.jurisdiction(TaxRoundingLevel.LINE, InclusiveSplit.ROUND_TAXES),
            b.lines(),
            Optional.empty());
    TaxResult net =
        calculator.calculate(
            b.jurisdiction(TaxRoundingLevel.LINE, InclusiveSplit.ROUND_NET),
            b.lines(),
            Optional.empty());
    for (int i = 0; i < b.lines().size(); i++) {
      LineTax x = taxes.lines().get(i);
      LineTax y = net.lines().get(i);
      assertThat(y.gross().minus(y.tax())).isEqualTo(y.net());
      compare(x.taxes(), y.taxes());
      for (int l = 0; l < x.levies().size(); l++) {
        compare(x.levies().get(l).taxes(), y.levies().get(l).taxes());
      }
    }
  }

  /**
   * Per part of a line: each rate differs by at most one minor unit per rate of the part, and in
   * fact by at most (n + 1) / 2 for n rates (the rounded net is within ½ of the exact one, the sum
   * of n rounded taxes within n/2).
   */
  private static void compare(List<TaxAmount> a, List<TaxAmount> b) {
    assertThat(b).hasSameSizeAs(a);
    long bound = (a.size() + 1) / 2;
    for (int r = 0; r < a.size(); r++) {
      long diff = Math.abs(a.get(r).tax().minorUnits() - b.get(r).tax().minorUnits());
      assertThat(diff).isLessThanOrEqualTo(Math.min(bound, a.size()));
    }
  }

  private static Money sum(List<TaxAmount> taxes) {
    return taxes.stream().map(TaxAmount::tax).reduce(Money.zero(EUR), Money::plus);
  }
}
