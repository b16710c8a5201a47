package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import java.util.Objects;

/**
 * A fixed amount charged per unit of what a line sells — a bottle deposit, an eco-participation
 * fee, an excise per litre — shown as its own part of the line and taxed under its own tax
 * category.
 *
 * <p>The amount is stated the way the line is priced: on a tax-inclusive line it includes the tax
 * of its category (the German deposit is "0,25 Euro einschließlich Umsatzsteuer", VerpackG §31), on
 * a net line it is net and its tax is added. The levy's category is taxed by that category's rates
 * and treatment; the levies of that category's own rule are not charged again on the levy. Point it
 * at the item's own category for a levy taxed like the goods (the deposit takes the drink's VAT),
 * or at an exempt category for a levy outside the tax.
 *
 * @param code a stable code ({@code "PFAND025"})
 * @param name the name printed on the receipt ("Pfand")
 * @param amount the amount per unit
 * @param per the unit it is charged per; the line's quantity must be in that unit
 * @param taxedAs the tax category whose rule taxes the levy
 * @param inclusion {@link TaxInclusion#ON_TOP} when it is charged in addition to the price (the
 *     deposit), {@link TaxInclusion#AS_PRICED} when the printed price already contains it (an
 *     eco-fee "dont éco-participation")
 */
public record TaxLevy(
    String code,
    String name,
    Money amount,
    UnitOfMeasure per,
    TaxCategory taxedAs,
    TaxInclusion inclusion) {

  /** Validates code, name and amount. */
  public TaxLevy {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(per, "per");
    Objects.requireNonNull(taxedAs, "taxedAs");
    Objects.requireNonNull(inclusion, "inclusion");
    if (code == null || code.isBlank() || name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.TAX_RULE_INVALID, "a levy needs a code and a name");
    }
    if (!amount.isPositive()) {
      throw new InvalidInputException(
          ErrorCode.TAX_RULE_INVALID, "levy " + code + " must be above zero, was " + amount);
    }
  }

  /** A levy per piece added on top of the price (a deposit). */
  public static TaxLevy perUnitOnTop(String code, String name, Money amount, TaxCategory taxedAs) {
    return new TaxLevy(code, name, amount, UnitOfMeasure.EACH, taxedAs, TaxInclusion.ON_TOP);
  }

  /** A levy per piece the printed price already contains (an eco-fee). */
  public static TaxLevy perUnitInPrice(
      String code, String name, Money amount, TaxCategory taxedAs) {
    return new TaxLevy(code, name, amount, UnitOfMeasure.EACH, taxedAs, TaxInclusion.AS_PRICED);
  }
}
