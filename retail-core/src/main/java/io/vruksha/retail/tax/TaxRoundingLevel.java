package io.vruksha.retail.tax;

/** Where a jurisdiction rounds tax to the cent. */
public enum TaxRoundingLevel {
  /** Each line's tax per rate is rounded, then summed (common for receipts). */
  LINE,
  /**
   * Each rate's tax is summed unrounded over the document and rounded once (EU VAT invoices may do
   * this); the rounded total is then spread back over the lines so they still add up.
   */
  DOCUMENT
}
