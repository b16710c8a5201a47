package io.vruksha.retail.tax;

/**
 * Whether a tax rate or a levy is part of the shelf price or added on top of it, so that one line
 * can carry an included tax and an excluded one (a VAT-inclusive price plus a levy added on top).
 */
public enum TaxInclusion {
  /**
   * Follows the price: a rate is extracted from a gross price and added to a net one; a levy is
   * contained in the price as printed (the French éco-participation inside the price "TTC").
   */
  AS_PRICED,
  /**
   * Always added on top of the price, gross or net: a rate is charged on the net even when the
   * shelf price includes the other taxes; a levy is charged in addition to the price (the German
   * deposit, "zzgl. Pfand").
   */
  ON_TOP
}
