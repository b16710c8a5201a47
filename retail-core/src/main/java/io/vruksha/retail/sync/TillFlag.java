package io.vruksha.retail.sync;

import io.vruksha.retail.store.StoreId;
import java.util.Locale;
import java.util.Objects;

/**
 * Something a till did offline that the centre booked as it happened but could not cover: a SKU
 * sold below zero on hand, points redeemed beyond the centre's balance, a gift card or store credit
 * spent beyond what the centre holds, a refund the centre has no account for. Kept so
 * reconciliation lists it; never dropped.
 *
 * @param store the store
 * @param till the till
 * @param sequence the till's journal sequence of the document
 * @param document the document's number
 * @param kind what it is
 * @param subject the SKU, customer or masked gift card code
 * @param figure the figure: on hand after the sale ({@code -1}), points or the amount short
 */
public record TillFlag(
    StoreId store,
    String till,
    long sequence,
    String document,
    Kind kind,
    String subject,
    String figure) {

  /** What a flag records. */
  public enum Kind {
    /** A sale took the SKU's on hand below zero; the figure is the on hand after it. */
    OVERSOLD,
    /** Points redeemed beyond the customer's balance at the centre; the figure is the points. */
    POINTS_SHORT,
    /**
     * A gift card spent beyond its balance at the centre, or unknown there; the figure is money.
     */
    GIFT_CARD_SHORT,
    /** Store credit spent beyond the customer's balance at the centre; the figure is money. */
    STORE_CREDIT_SHORT,
    /** A refund onto a gift card the till issued, which the centre does not hold; money. */
    REFUND_UNBOOKED
  }

  /** Checks for nulls. */
  public TillFlag {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(till, "till");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(figure, "figure");
  }

  /**
   * The flag as a reconciliation line, e.g. {@code oversold offline by till T01: MUG -1 (S001-T01-
   * 2026-000007)}.
   */
  public String describe() {
    String what =
        switch (kind) {
          case OVERSOLD -> "oversold offline";
          case POINTS_SHORT -> "points redeemed offline beyond the balance";
          case GIFT_CARD_SHORT -> "gift card spent offline beyond its balance";
          case STORE_CREDIT_SHORT -> "store credit spent offline beyond the balance";
          case REFUND_UNBOOKED -> "refund onto a till's gift card, not booked";
        };
    return what + " by till " + till + ": " + subject + " " + figure + " (" + document + ")";
  }

  /** The kind in lower case, for reports. */
  public String kindName() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
