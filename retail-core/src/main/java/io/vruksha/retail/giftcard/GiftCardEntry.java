package io.vruksha.retail.giftcard;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a gift card's balance, as the ledger keeps it: a card's entries add up to its
 * balance, and a store's entries up to a day add up to its outstanding liability at that day's end.
 *
 * @param store the card's store
 * @param cardId the card
 * @param kind what changed it
 * @param amount the change: positive for an issue or reload, negative for the rest
 * @param balanceAfter the card's balance after it
 * @param at when
 * @param by who (the member of staff, or the import)
 * @param reference the sale, return or import file it belongs to
 * @param key the idempotency key of the request that made it, unique per store
 */
public record GiftCardEntry(
    StoreId store,
    String cardId,
    Kind kind,
    Money amount,
    Money balanceAfter,
    Instant at,
    String by,
    String reference,
    String key) {

  /** What changed a balance. */
  public enum Kind {
    /** Issued (sold, refunded or imported) with its first balance. */
    ISSUE,
    /** Money added. */
    RELOAD,
    /** Spent as a tender. */
    REDEEM,
    /** What was left when it expired. */
    EXPIRE,
    /** What was left when a manager cancelled it. */
    CANCEL
  }

  /** Validates the entry. */
  public GiftCardEntry {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(balanceAfter, "balanceAfter");
    at = Instants.micros(Objects.requireNonNull(at, "at"));
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(key, "key");
  }
}
