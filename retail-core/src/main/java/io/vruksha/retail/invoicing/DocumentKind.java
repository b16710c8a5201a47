package io.vruksha.retail.invoicing;

/** The kinds of fiscal document a store's journal chains. */
public enum DocumentKind {
  /** An invoice (or the receipt of a sale). */
  INVOICE,
  /** A credit note for a return. */
  CREDIT_NOTE,
  /** The Z report that closes a shift. */
  Z_REPORT
}
