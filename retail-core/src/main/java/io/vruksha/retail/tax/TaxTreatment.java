package io.vruksha.retail.tax;

/**
 * How a tax category is treated in a jurisdiction.
 *
 * <p>Zero-rated and exempt both charge nothing, but they are reported apart: zero-rated supplies
 * are taxable at 0% (a VAT return lists them, and input tax stays deductible), exempt supplies are
 * outside the tax.
 */
public enum TaxTreatment {
  /** Taxed at the rule's rates. */
  STANDARD,
  /** Taxable at 0%: reported with its base in the breakdown. */
  ZERO_RATED,
  /** Outside the tax: reported as exempt turnover. */
  EXEMPT
}
