package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.money.Allocation;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the tax of a document from its lines' amounts after discounts.
 *
 * <p>The steps, each following the jurisdiction's rule:
 *
 * <ol>
 *   <li><b>Treatment</b>: the rule of the line's tax category (a missing rule is an error, never a
 *       silent 0%); a customer's exemption certificate turns covered lines exempt.
 *   <li><b>Exact tax</b> per line and rate: on a net amount {@code A}, a simple rate charges {@code
 *       A × r}, a compound rate {@code (A + earlier taxes) × r}. On a gross amount the net is
 *       {@code A / F}, where {@code F} is the rule's gross factor, and each tax is extracted from
 *       it.
 *   <li><b>Rounding</b>: per line and rate, or per rate over the document then spread back over the
 *       lines by largest remainder ({@link Allocation#roundToTotal}). A net line rounded per line
 *       charges each rate on its printed base, so a compound rate sees the earlier taxes as
 *       rounded.
 *   <li><b>Totals</b>: net lines keep their amount and add the tax; gross lines keep their amount
 *       (what the shelf said) and the net is what is left after the tax.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class TaxCalculator {

  private static final MathContext EXACT = MathContext.DECIMAL128;

  /** Standard rates from the highest down, then zero-rated, then exempt; codes break ties. */
  private static final Comparator<TaxBreakdownEntry> BREAKDOWN_ORDER =
      Comparator.comparing(TaxBreakdownEntry::treatment)
          .thenComparing(TaxBreakdownEntry::rate, Comparator.reverseOrder())
          .thenComparing(TaxBreakdownEntry::rateCode);

  /**
   * The tax of {@code lines} in {@code jurisdiction}.
   *
   * @throws NotFoundException with {@link ErrorCode#TAX_RULE_MISSING} naming a category the
   *     jurisdiction has no rule for
   * @throws InvalidInputException when lines are empty or mix currencies
   */
  public TaxResult calculate(
      TaxJurisdiction jurisdiction, List<TaxLine> lines, Optional<TaxExemption> exemption) {
    if (lines.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a document needs at least one line");
    }
    Currency currency = lines.get(0).amount().currency();
    int scale = Money.minorUnits(currency);
    List<Work> work = new ArrayList<>(lines.size());
    boolean exempted = false;
    for (TaxLine line : lines) {
      if (!line.amount().currency().equals(currency)) {
        throw new InvalidInputException(
            ErrorCode.CURRENCY_MISMATCH, "line " + line.index() + " is not in " + currency);
      }
      TaxRule rule =
          jurisdiction
              .rule(line.category())
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          ErrorCode.TAX_RULE_MISSING,
                          "tax jurisdiction "
                              + jurisdiction.code()
                              + " has no rule for tax category "
                              + line.category()));
      TaxTreatment treatment = rule.treatment();
      if (treatment != TaxTreatment.EXEMPT
          && exemption.map(e -> e.covers(line.category())).orElse(false)) {
        treatment = TaxTreatment.EXEMPT;
        exempted = true;
      }
      work.add(new Work(line, rule, treatment, exactTaxes(line, rule, treatment, scale)));
    }
    roundTaxes(work, jurisdiction, currency);
    return assemble(
        work, currency, exempted ? exemption.map(TaxExemption::certificateId) : Optional.empty());
  }

  /** Each rate's exact tax in minor units (unrounded). */
  private static List<BigDecimal> exactTaxes(
      TaxLine line, TaxRule rule, TaxTreatment treatment, int scale) {
    if (treatment != TaxTreatment.STANDARD) {
      return List.of();
    }
    BigDecimal amountMinor = line.amount().amount().movePointRight(scale);
    BigDecimal netMinor =
        line.amountIncludesTax() ? amountMinor.divide(rule.grossFactor(), EXACT) : amountMinor;
    return rule.shareOfNet().stream().map(share -> netMinor.multiply(share, EXACT)).toList();
  }

  private static void roundTaxes(List<Work> work, TaxJurisdiction jurisdiction, Currency currency) {
    RoundingMode mode = jurisdiction.roundingMode();
    if (jurisdiction.roundingLevel() == TaxRoundingLevel.LINE) {
      for (Work w : work) {
        if (w.line.amountIncludesTax()) {
          for (BigDecimal exact : w.exact) {
            w.rounded.add(exact.setScale(0, mode).longValueExact());
          }
        } else {
          chargeOnNet(w, mode, currency);
        }
      }
      return;
    }
    // DOCUMENT: per rate code, round the document sum once, then spread it back over the lines
    Map<String, List<int[]>> byRate = new LinkedHashMap<>();
    for (int l = 0; l < work.size(); l++) {
      Work w = work.get(l);
      for (int r = 0; r < w.exact.size(); r++) {
        w.rounded.add(0L);
        byRate
            .computeIfAbsent(w.rule.rates().get(r).code(), k -> new ArrayList<>())
            .add(new int[] {l, r});
      }
    }
    for (List<int[]> cells : byRate.values()) {
      List<BigDecimal> exact = cells.stream().map(c -> work.get(c[0]).exact.get(c[1])).toList();
      long total =
          exact.stream()
              .reduce(BigDecimal.ZERO, BigDecimal::add)
              .setScale(0, mode)
              .longValueExact();
      long[] parts = Allocation.roundToTotal(exact, total);
      for (int i = 0; i < cells.size(); i++) {
        int[] c = cells.get(i);
        work.get(c[0]).rounded.set(c[1], parts[i]);
      }
    }
  }

  /**
   * A net line rounded per line: each rate is charged on its base as printed, so a compound rate
   * sees the earlier taxes as charged (rounded), not their exact values. Quebec's QST on 0.24 CAD:
   * GST 0.012 rounds to 0.01, QST is 9.975% of 0.25 = 0.0249375, so 0.02 (on the exact 0.252 it
   * would round to 0.03, and the receipt's base times rate would not give its tax).
   */
  private static void chargeOnNet(Work w, RoundingMode mode, Currency currency) {
    Money net = w.line.amount();
    Money earlier = Money.zero(currency);
    for (int r = 0; r < w.exact.size(); r++) {
      TaxRate rate = w.rule.rates().get(r);
      Money base = rate.compound() ? net.plus(earlier) : net;
      Money tax = base.times(rate.rate(), mode);
      w.rounded.add(tax.minorUnits());
      earlier = earlier.plus(tax);
    }
  }

  private static TaxResult assemble(
      List<Work> work, Currency currency, Optional<String> certificate) {
    Money zero = Money.zero(currency);
    Money net = zero;
    Money tax = zero;
    Map<String, TaxBreakdownEntry> breakdown = new LinkedHashMap<>();
    List<LineTax> lines = new ArrayList<>(work.size());
    for (Work w : work) {
      Money lineTax = zero;
      for (long minor : w.rounded) {
        lineTax = lineTax.plus(Money.ofMinor(currency, minor));
      }
      Money amount = w.line.amount();
      Money lineNet = w.line.amountIncludesTax() ? amount.minus(lineTax) : amount;
      Money lineGross = lineNet.plus(lineTax);
      List<TaxAmount> taxes = new ArrayList<>();
      switch (w.treatment) {
        case STANDARD -> {
          Money base = lineNet;
          Money earlier = zero;
          for (int r = 0; r < w.rounded.size(); r++) {
            TaxRate rate = w.rule.rates().get(r);
            Money rateTax = Money.ofMinor(currency, w.rounded.get(r));
            Money rateBase = rate.compound() ? base.plus(earlier) : base;
            taxes.add(new TaxAmount(rate.code(), rate.rate(), rateBase, rateTax));
            add(
                breakdown,
                rate.code(),
                rate.name(),
                rate.rate(),
                TaxTreatment.STANDARD,
                rateBase,
                rateTax);
            earlier = earlier.plus(rateTax);
          }
        }
        case ZERO_RATED -> {
          taxes.add(new TaxAmount(TaxBreakdownEntry.ZERO_RATED, BigDecimal.ZERO, lineNet, zero));
          add(
              breakdown,
              TaxBreakdownEntry.ZERO_RATED,
              "Zero-rated",
              BigDecimal.ZERO,
              TaxTreatment.ZERO_RATED,
              lineNet,
              zero);
        }
        case EXEMPT ->
            add(
                breakdown,
                TaxBreakdownEntry.EXEMPT,
                "Exempt",
                BigDecimal.ZERO,
                TaxTreatment.EXEMPT,
                lineNet,
                zero);
      }
      lines.add(new LineTax(w.line.index(), w.treatment, lineNet, lineTax, lineGross, taxes));
      net = net.plus(lineNet);
      tax = tax.plus(lineTax);
    }
    List<TaxBreakdownEntry> rows = new ArrayList<>(breakdown.values());
    rows.sort(BREAKDOWN_ORDER);
    return new TaxResult(lines, rows, net, tax, net.plus(tax), certificate);
  }

  private static void add(
      Map<String, TaxBreakdownEntry> breakdown,
      String code,
      String name,
      BigDecimal rate,
      TaxTreatment treatment,
      Money base,
      Money tax) {
    breakdown.merge(
        code,
        new TaxBreakdownEntry(code, name, rate, treatment, base, tax),
        (a, b) ->
            new TaxBreakdownEntry(
                code, a.name(), rate, treatment, a.taxableBase().plus(base), a.tax().plus(tax)));
  }

  private static final class Work {
    final TaxLine line;
    final TaxRule rule;
    final TaxTreatment treatment;
    final List<BigDecimal> exact;
    final List<Long> rounded = new ArrayList<>();

    Work(TaxLine line, TaxRule rule, TaxTreatment treatment, List<BigDecimal> exact) {
      this.line = line;
      this.rule = rule;
      this.treatment = treatment;
      this.exact = exact;
    }
  }
}
