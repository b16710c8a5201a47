package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one tax category is taxed in a jurisdiction: its treatment and, for standard treatment, the
 * rates charged on one line (state + county + city; CGST + SGST), in the order compound rates see
 * them.
 *
 * @param category the tax category
 * @param treatment standard, zero-rated or exempt
 * @param rates the rates, at least one for standard treatment; none otherwise
 */
public record TaxRule(TaxCategory category, TaxTreatment treatment, List<TaxRate> rates) {

  /** Validates the rates against the treatment. */
  public TaxRule {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(treatment, "treatment");
    rates = List.copyOf(rates);
    if (treatment == TaxTreatment.STANDARD && rates.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "tax category " + category + " is standard-rated but has no rate");
    }
    if (treatment != TaxTreatment.STANDARD && !rates.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "tax category " + category + " is " + treatment + " and cannot carry rates");
    }
    Set<String> codes = new HashSet<>();
    for (TaxRate r : rates) {
      if (!codes.add(r.code())) {
        throw new InvalidInputException(
            ErrorCode.TAX_RULE_INVALID,
            "tax category " + category + " lists rate " + r.code() + " twice");
      }
    }
  }

  /** A standard-rated category with these rates. */
  public static TaxRule standard(TaxCategory category, TaxRate... rates) {
    return new TaxRule(category, TaxTreatment.STANDARD, List.of(rates));
  }

  /** A zero-rated category. */
  public static TaxRule zeroRated(TaxCategory category) {
    return new TaxRule(category, TaxTreatment.ZERO_RATED, List.of());
  }

  /** An exempt category. */
  public static TaxRule exempt(TaxCategory category) {
    return new TaxRule(category, TaxTreatment.EXEMPT, List.of());
  }

  /**
   * The factor gross = net × factor: each simple rate adds its rate, each compound rate multiplies
   * everything before it. For 5% then compound 9.975%: (1 + 0.05) × (1 + 0.09975) = 1.1547375.
   */
  BigDecimal grossFactor() {
    BigDecimal factor = BigDecimal.ONE;
    for (TaxRate r : rates) {
      factor = r.compound() ? factor.multiply(BigDecimal.ONE.add(r.rate())) : factor.add(r.rate());
    }
    return factor;
  }

  /**
   * Each rate's tax as a fraction of the net base, in order: a simple rate's own rate, a compound
   * rate's rate times the factor of everything before it. They sum to {@link #grossFactor()} − 1.
   */
  List<BigDecimal> shareOfNet() {
    BigDecimal factor = BigDecimal.ONE;
    List<BigDecimal> shares = new java.util.ArrayList<>(rates.size());
    for (TaxRate r : rates) {
      BigDecimal share = r.compound() ? r.rate().multiply(factor) : r.rate();
      shares.add(share);
      factor = factor.add(share);
    }
    return shares;
  }
}
