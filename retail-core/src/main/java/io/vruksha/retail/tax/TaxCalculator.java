package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.TaxCategory;
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
 *   <li><b>Parts</b>: each of the rule's levies (amount per unit × quantity) becomes a part of the
 *       line taxed under its own category; a levy inside the price comes out of the goods' part.
 *       Rates whose threshold rules out the line's price per unit are dropped; a part no rate
 *       applies to is exempt.
 *   <li><b>Exact tax</b> per line and rate: on a net amount {@code A}, a simple rate charges {@code
 *       A × r}, a compound rate {@code (A + earlier taxes) × r}. On a gross amount the net is
 *       {@code A / F}, where {@code F} is the gross factor of the rates the price includes (rates
 *       {@link TaxInclusion#ON_TOP} are left out and added to the net), and each tax is extracted
 *       from it.
 *   <li><b>Rounding</b>: per line and rate, or per rate over the document then spread back over the
 *       lines by largest remainder ({@link Allocation#roundToTotal}). A net line rounded per line
 *       charges each rate on its printed base, so a compound rate sees the earlier taxes as
 *       rounded. A gross part splits as the jurisdiction's {@link InclusiveSplit} says.
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
    for (int l = 0; l < lines.size(); l++) {
      TaxLine line = lines.get(l);
      if (!line.amount().currency().equals(currency)) {
        throw new InvalidInputException(
            ErrorCode.CURRENCY_MISMATCH, "line " + line.index() + " is not in " + currency);
      }
      TaxRule rule = ruleOf(jurisdiction, line.category());
      boolean covered = exemption.map(e -> e.covers(line.category())).orElse(false);
      // the levies first: a levy the price contains comes out of the goods' amount
      List<Work> levies = new ArrayList<>(rule.levies().size());
      Money goods = line.amount();
      for (TaxLevy levy : rule.levies()) {
        Money charged = levyCharged(levy, line, jurisdiction.roundingMode());
        if (levy.inclusion() == TaxInclusion.AS_PRICED) {
          goods = goods.minus(charged);
        }
        TaxRule levyRule = ruleOf(jurisdiction, levy.taxedAs());
        boolean levyCovered = exemption.map(e -> e.covers(levy.taxedAs())).orElse(false);
        exempted |= levyCovered && levyRule.treatment() != TaxTreatment.EXEMPT;
        levies.add(new Work(l, line, Optional.of(levy), charged, levyRule, levyCovered, scale));
      }
      exempted |= covered && rule.treatment() != TaxTreatment.EXEMPT;
      work.add(new Work(l, line, Optional.empty(), goods, rule, covered, scale));
      work.addAll(levies);
    }
    roundTaxes(work, jurisdiction, currency);
    return assemble(
        lines,
        work,
        currency,
        exempted ? exemption.map(TaxExemption::certificateId) : Optional.empty());
  }

  private static TaxRule ruleOf(TaxJurisdiction jurisdiction, TaxCategory category) {
    return jurisdiction
        .rule(category)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.TAX_RULE_MISSING,
                    "tax jurisdiction "
                        + jurisdiction.code()
                        + " has no rule for tax category "
                        + category));
  }

  /**
   * The levy on a line: its amount per unit times the line's quantity, rounded as the jurisdiction
   * rounds (a weighed quantity can give sub-cents), with the line's sign (a return refunds it).
   */
  private static Money levyCharged(TaxLevy levy, TaxLine line, RoundingMode mode) {
    if (!levy.amount().currency().equals(line.amount().currency())) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "levy "
              + levy.code()
              + " is in "
              + levy.amount().currency()
              + ", line "
              + line.index()
              + " in "
              + line.amount().currency());
    }
    if (line.quantity().unit() != levy.per()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "levy "
              + levy.code()
              + " is charged per "
              + levy.per().symbol()
              + " but line "
              + line.index()
              + " sells in "
              + line.quantity().unit().symbol());
    }
    Money charged = levy.amount().times(line.quantity().value(), mode);
    return line.amount().isNegative() ? charged.negate() : charged;
  }

  /**
   * Each rate's share of the net, in order: a simple rate's own rate, a compound rate's rate times
   * one plus every share before it.
   */
  private static List<BigDecimal> shareOfNet(List<TaxRate> rates) {
    BigDecimal factor = BigDecimal.ONE;
    List<BigDecimal> shares = new ArrayList<>(rates.size());
    for (TaxRate r : rates) {
      BigDecimal share = r.compound() ? r.rate().multiply(factor) : r.rate();
      shares.add(share);
      factor = factor.add(share);
    }
    return shares;
  }

  private static void roundTaxes(List<Work> work, TaxJurisdiction jurisdiction, Currency currency) {
    RoundingMode mode = jurisdiction.roundingMode();
    if (jurisdiction.roundingLevel() == TaxRoundingLevel.LINE) {
      for (Work w : work) {
        roundPerLine(w, mode, jurisdiction.inclusiveSplit(), currency);
      }
      return;
    }
    // DOCUMENT: per rate code, round the document sum once, then spread it back over the lines
    Map<String, List<int[]>> byRate = new LinkedHashMap<>();
    for (int l = 0; l < work.size(); l++) {
      Work w = work.get(l);
      for (int r = 0; r < w.exact.size(); r++) {
        w.rounded.add(0L);
        byRate.computeIfAbsent(w.rates.get(r).code(), k -> new ArrayList<>()).add(new int[] {l, r});
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
   * One line (or levy) rounded on its own. The rates the price includes are split from it as the
   * jurisdiction's {@link InclusiveSplit} says; the rates added on top are then charged on their
   * base as printed, so a compound rate sees the earlier taxes as charged (rounded), not their
   * exact values. Quebec's QST on 0.24 CAD: GST 0.012 rounds to 0.01, QST is 9.975% of 0.25 =
   * 0.0249375, so 0.02 (on the exact 0.252 it would round to 0.03, and the receipt's base times
   * rate would not give its tax).
   */
  private static void roundPerLine(
      Work w, RoundingMode mode, InclusiveSplit split, Currency currency) {
    int n = w.rates.size();
    int lastIncluded = -1;
    for (int r = 0; r < n; r++) {
      w.rounded.add(0L);
      if (w.included(r)) {
        lastIncluded = r;
      }
    }
    long amountMinor = w.amount.minorUnits();
    long includedTax = 0;
    if (lastIncluded >= 0 && split == InclusiveSplit.ROUND_NET) {
      long net = w.netExact.setScale(0, mode).longValueExact();
      long rest = amountMinor - net;
      for (int r = 0; r < n; r++) {
        if (w.included(r)) {
          long t = r == lastIncluded ? rest : w.exact.get(r).setScale(0, mode).longValueExact();
          w.rounded.set(r, t);
          rest -= r == lastIncluded ? 0 : t;
        }
      }
      includedTax = amountMinor - net;
    } else {
      for (int r = 0; r < n; r++) {
        if (w.included(r)) {
          long t = w.exact.get(r).setScale(0, mode).longValueExact();
          w.rounded.set(r, t);
          includedTax += t;
        }
      }
    }
    Money net = Money.ofMinor(currency, amountMinor - includedTax);
    Money earlier = Money.zero(currency);
    for (int r = 0; r < n; r++) {
      TaxRate rate = w.rates.get(r);
      if (!w.included(r)) {
        Money base = rate.compound() ? net.plus(earlier) : net;
        w.rounded.set(r, base.times(rate.rate(), mode).minorUnits());
      }
      earlier = earlier.plus(Money.ofMinor(currency, w.rounded.get(r)));
    }
  }

  private static TaxResult assemble(
      List<TaxLine> taxLines, List<Work> work, Currency currency, Optional<String> certificate) {
    Money zero = Money.zero(currency);
    Money net = zero;
    Money tax = zero;
    Map<String, TaxBreakdownEntry> breakdown = new LinkedHashMap<>();
    List<LineTax> lines = new ArrayList<>(taxLines.size());
    int i = 0;
    for (int l = 0; l < taxLines.size(); l++) {
      Work goods = work.get(i++);
      Part goodsPart = part(goods, currency, breakdown);
      Money lineNet = goodsPart.net;
      Money lineTax = goodsPart.tax;
      List<LevyTax> levies = new ArrayList<>();
      while (i < work.size() && work.get(i).line == l) {
        Work w = work.get(i++);
        Part p = part(w, currency, breakdown);
        TaxLevy levy =
            w.levy.orElseThrow(() -> new IllegalStateException("a levy part without its levy"));
        levies.add(
            new LevyTax(
                levy.code(),
                levy.name(),
                w.amount,
                w.treatment,
                p.net,
                p.tax,
                p.net.plus(p.tax),
                p.taxes));
        lineNet = lineNet.plus(p.net);
        lineTax = lineTax.plus(p.tax);
      }
      lines.add(
          new LineTax(
              taxLines.get(l).index(),
              goods.treatment,
              lineNet,
              lineTax,
              lineNet.plus(lineTax),
              goodsPart.taxes,
              levies));
      net = net.plus(lineNet);
      tax = tax.plus(lineTax);
    }
    List<TaxBreakdownEntry> rows = new ArrayList<>(breakdown.values());
    rows.sort(BREAKDOWN_ORDER);
    return new TaxResult(lines, rows, net, tax, net.plus(tax), certificate);
  }

  /** The net, tax and per-rate taxes of one part of a line (the goods or one levy). */
  private record Part(Money net, Money tax, List<TaxAmount> taxes) {}

  private static Part part(Work w, Currency currency, Map<String, TaxBreakdownEntry> breakdown) {
    Money zero = Money.zero(currency);
    Money tax = zero;
    Money included = zero;
    for (int r = 0; r < w.rounded.size(); r++) {
      Money t = Money.ofMinor(currency, w.rounded.get(r));
      tax = tax.plus(t);
      if (w.included(r)) {
        included = included.plus(t);
      }
    }
    Money net = w.amount.minus(included);
    List<TaxAmount> taxes = new ArrayList<>();
    switch (w.treatment) {
      case STANDARD -> {
        Money earlier = zero;
        for (int r = 0; r < w.rounded.size(); r++) {
          TaxRate rate = w.rates.get(r);
          Money rateTax = Money.ofMinor(currency, w.rounded.get(r));
          Money rateBase = rate.compound() ? net.plus(earlier) : net;
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
        taxes.add(new TaxAmount(TaxBreakdownEntry.ZERO_RATED, BigDecimal.ZERO, net, zero));
        add(
            breakdown,
            TaxBreakdownEntry.ZERO_RATED,
            "Zero-rated",
            BigDecimal.ZERO,
            TaxTreatment.ZERO_RATED,
            net,
            zero);
      }
      case EXEMPT ->
          add(
              breakdown,
              TaxBreakdownEntry.EXEMPT,
              "Exempt",
              BigDecimal.ZERO,
              TaxTreatment.EXEMPT,
              net,
              zero);
    }
    return new Part(net, tax, taxes);
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

  /**
   * One part of a line on its way through the steps: the goods, or one levy on them. Rates a
   * threshold rules out are dropped here; a standard line that no rate applies to is exempt.
   */
  private static final class Work {
    final int line;
    final Optional<TaxLevy> levy;
    final Money amount;
    final boolean inclusive;
    final TaxTreatment treatment;
    final List<TaxRate> rates;
    final List<BigDecimal> exact;
    final BigDecimal netExact;
    final List<Long> rounded = new ArrayList<>();

    Work(
        int line,
        TaxLine taxLine,
        Optional<TaxLevy> levy,
        Money amount,
        TaxRule rule,
        boolean exempted,
        int scale) {
      this.line = line;
      this.levy = levy;
      this.amount = amount;
      this.inclusive = taxLine.amountIncludesTax();
      TaxTreatment t = exempted ? TaxTreatment.EXEMPT : rule.treatment();
      List<TaxRate> applying = List.of();
      if (t == TaxTreatment.STANDARD) {
        // thresholds compare the goods' price per unit, for the goods and their levies alike
        BigDecimal unitPrice = taxLine.unitPrice();
        applying = rule.rates().stream().filter(r -> r.appliesTo(unitPrice)).toList();
        if (applying.isEmpty()) {
          t = TaxTreatment.EXEMPT;
        }
      }
      this.treatment = t;
      this.rates = applying;
      List<BigDecimal> shares = shareOfNet(applying);
      BigDecimal includedShare = BigDecimal.ZERO;
      for (int r = 0; r < applying.size(); r++) {
        if (included(r)) {
          includedShare = includedShare.add(shares.get(r));
        }
      }
      BigDecimal amountMinor = amount.amount().movePointRight(scale);
      this.netExact = amountMinor.divide(BigDecimal.ONE.add(includedShare), EXACT);
      this.exact = shares.stream().map(share -> netExact.multiply(share, EXACT)).toList();
    }

    /** Whether rate {@code r} is inside the amount (extracted) rather than added on top. */
    boolean included(int r) {
      return inclusive && rates.get(r).inclusion() == TaxInclusion.AS_PRICED;
    }
  }
}
