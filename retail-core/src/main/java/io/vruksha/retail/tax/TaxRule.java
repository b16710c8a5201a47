package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import java.util.ArrayList;
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
 * @param levies fixed amounts per unit charged on every line of the category (deposits, eco-fees),
 *     each taxed under its own category
 */
public record TaxRule(
    TaxCategory category, TaxTreatment treatment, List<TaxRate> rates, List<TaxLevy> levies) {

  /** A rule without levies. */
  public TaxRule(TaxCategory category, TaxTreatment treatment, List<TaxRate> rates) {
    this(category, treatment, rates, List.of());
  }

  /** Validates the rates against the treatment; a stored rule without levies has none. */
  public TaxRule {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(treatment, "treatment");
    rates = List.copyOf(rates);
    levies = levies == null ? List.of() : List.copyOf(levies);
    Set<String> levyCodes = new HashSet<>();
    for (TaxLevy levy : levies) {
      if (!levyCodes.add(levy.code())) {
        throw new InvalidInputException(
            ErrorCode.TAX_RULE_INVALID,
            "tax category " + category + " lists levy " + levy.code() + " twice");
      }
    }
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

  /** This rule with {@code levy} charged on its lines as well. */
  public TaxRule withLevy(TaxLevy levy) {
    List<TaxLevy> more = new ArrayList<>(levies);
    more.add(levy);
    return new TaxRule(category, treatment, rates, more);
  }

  /** A zero-rated category. */
  public static TaxRule zeroRated(TaxCategory category) {
    return new TaxRule(category, TaxTreatment.ZERO_RATED, List.of());
  }

  /** An exempt category. */
  public static TaxRule exempt(TaxCategory category) {
    return new TaxRule(category, TaxTreatment.EXEMPT, List.of());
  }
}
