package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tax rules of one place a store sells in: a rule per tax category, where and how tax is
 * rounded, and whether shelf prices include tax by default.
 *
 * @param code a stable code ({@code "DE"}, {@code "US-IL-CHICAGO"}, {@code "IN-KA"})
 * @param name a name for people
 * @param roundingLevel per line or per document
 * @param roundingMode how amounts are rounded to the currency's minor units
 * @param pricesIncludeTax whether prices are gross by default (price lists may say otherwise)
 * @param rules the rule per tax category
 * @param inclusiveSplit how a tax-inclusive amount splits into net and taxes ({@link
 *     InclusiveSplit#ROUND_TAXES} unless told)
 */
public record TaxJurisdiction(
    String code,
    String name,
    TaxRoundingLevel roundingLevel,
    RoundingMode roundingMode,
    boolean pricesIncludeTax,
    Map<TaxCategory, TaxRule> rules,
    InclusiveSplit inclusiveSplit) {

  /** A jurisdiction that splits inclusive amounts by rounding each tax ({@code ROUND_TAXES}). */
  public TaxJurisdiction(
      String code,
      String name,
      TaxRoundingLevel roundingLevel,
      RoundingMode roundingMode,
      boolean pricesIncludeTax,
      Map<TaxCategory, TaxRule> rules) {
    this(
        code,
        name,
        roundingLevel,
        roundingMode,
        pricesIncludeTax,
        rules,
        InclusiveSplit.ROUND_TAXES);
  }

  /**
   * Validates the code, that each rule sits under its own category, and that a rate code shared by
   * several rules (a state rate on every category) names the same rate in each.
   */
  public TaxJurisdiction {
    Objects.requireNonNull(roundingLevel, "roundingLevel");
    Objects.requireNonNull(roundingMode, "roundingMode");
    rules = Map.copyOf(rules);
    // a jurisdiction stored before the setting existed keeps today's split
    inclusiveSplit = inclusiveSplit == null ? InclusiveSplit.ROUND_TAXES : inclusiveSplit;
    if (code == null || code.isBlank() || name == null || name.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID, "a tax jurisdiction needs a code and a name");
    }
    if (roundingMode == RoundingMode.UNNECESSARY) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID, "tax jurisdiction " + code + " needs a real rounding mode");
    }
    if (inclusiveSplit == InclusiveSplit.ROUND_NET && roundingLevel != TaxRoundingLevel.LINE) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID,
          "tax jurisdiction "
              + code
              + " rounds per document; ROUND_NET splits each line and needs LINE rounding");
    }
    Map<TaxCategory, TaxRule> all = rules;
    rules.forEach(
        (category, rule) -> {
          if (!rule.category().equals(category)) {
            throw new InvalidInputException(
                ErrorCode.TAX_RULE_INVALID,
                "the rule for " + rule.category() + " is filed under " + category);
          }
          for (TaxLevy levy : rule.levies()) {
            if (!all.containsKey(levy.taxedAs())) {
              throw new InvalidInputException(
                  ErrorCode.TAX_RULE_INVALID,
                  "levy "
                      + levy.code()
                      + " of "
                      + category
                      + " is taxed as "
                      + levy.taxedAs()
                      + ", which has no rule in "
                      + code);
            }
          }
        });
    // the breakdown has one row per rate code, so a code must mean one rate everywhere
    Map<String, TaxRate> byCode = new HashMap<>();
    for (TaxRule rule : rules.values()) {
      for (TaxRate rate : rule.rates()) {
        TaxRate seen = byCode.putIfAbsent(rate.code(), rate);
        if (seen != null
            && (seen.rate().compareTo(rate.rate()) != 0 || !seen.name().equals(rate.name()))) {
          throw new InvalidInputException(
              ErrorCode.TAX_RULE_INVALID,
              "tax rate code "
                  + rate.code()
                  + " means both "
                  + describe(seen)
                  + " and "
                  + describe(rate)
                  + " in "
                  + code
                  + "; give each rate its own code");
        }
      }
    }
  }

  private static String describe(TaxRate rate) {
    return "\"" + rate.name() + "\" at " + rate.rate().stripTrailingZeros().toPlainString();
  }

  /**
   * Starts a jurisdiction: line rounding, half-up, {@code ROUND_TAXES}, prices exclusive of tax
   * unless told.
   */
  public static Builder builder(String code, String name) {
    return new Builder(code, name);
  }

  /** The rule for {@code category}. */
  public Optional<TaxRule> rule(TaxCategory category) {
    return Optional.ofNullable(rules.get(category));
  }

  /** Collects a jurisdiction. Not thread-safe. */
  public static final class Builder {
    private final String code;
    private final String name;
    private TaxRoundingLevel level = TaxRoundingLevel.LINE;
    private RoundingMode mode = RoundingMode.HALF_UP;
    private boolean pricesIncludeTax;
    private InclusiveSplit split = InclusiveSplit.ROUND_TAXES;
    private final Map<TaxCategory, TaxRule> rules = new LinkedHashMap<>();

    private Builder(String code, String name) {
      this.code = code;
      this.name = name;
    }

    /** Rounds per line (default) or per document. */
    public Builder rounding(TaxRoundingLevel level, RoundingMode mode) {
      this.level = level;
      this.mode = mode;
      return this;
    }

    /** Whether prices include tax by default. */
    public Builder pricesIncludeTax(boolean include) {
      this.pricesIncludeTax = include;
      return this;
    }

    /** How tax-inclusive amounts split into net and taxes ({@code ROUND_TAXES} unless told). */
    public Builder inclusiveSplit(InclusiveSplit split) {
      this.split = Objects.requireNonNull(split, "split");
      return this;
    }

    /** Adds the rule of one tax category. */
    public Builder rule(TaxRule rule) {
      if (rules.putIfAbsent(rule.category(), rule) != null) {
        throw new InvalidInputException(
            ErrorCode.TAX_RULE_INVALID,
            "tax category " + rule.category() + " has two rules in " + code);
      }
      return this;
    }

    /** The jurisdiction. */
    public TaxJurisdiction build() {
      return new TaxJurisdiction(code, name, level, mode, pricesIncludeTax, rules, split);
    }
  }
}
