package io.vruksha.retail.catalog;

/** Whether a product may be sold and reordered. */
public enum ProductStatus {
  /** Sold and reordered. */
  ACTIVE,
  /** Still sold until the shelf is empty, but never reordered. */
  DISCONTINUED,
  /** Refused at the till (a recall, a legal hold, a pricing error under investigation). */
  BLOCKED;

  /** True unless blocked. */
  public boolean sellable() {
    return this != BLOCKED;
  }

  /** True only for active products: purchase orders skip discontinued ones. */
  public boolean reorderable() {
    return this == ACTIVE;
  }
}
