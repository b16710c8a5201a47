package io.vruksha.retail.giftcard;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A gift card of a store. Its balance is what the ledger's entries for it add up to.
 *
 * @param store the store that issued it (it is redeemed there)
 * @param id its identity (what events, ledger entries and the API's paths name; never the code)
 * @param code the code printed on the card, normalised ({@link GiftCardCode#normalise})
 * @param balance what is left on it, never below zero
 * @param status where it stands
 * @param origin how it came to be
 * @param reference the sale, return or import it came from
 * @param issuedAt when it was activated
 * @param expiresAt from when it can no longer be redeemed or reloaded
 */
public record GiftCard(
    StoreId store,
    String id,
    String code,
    Money balance,
    Status status,
    Origin origin,
    String reference,
    Instant issuedAt,
    Instant expiresAt) {

  /** Where a card stands. */
  public enum Status {
    /** Redeemable and reloadable until it expires. */
    ACTIVE,
    /** Expired by the expiry run; its balance left the liability as breakage. */
    EXPIRED,
    /** Cancelled by a manager; its balance was written off. */
    CANCELLED
  }

  /** How a card came to be. */
  public enum Origin {
    /** Sold as a line of a sale, activated when the sale committed. */
    SOLD,
    /** Issued as the refund of a return. */
    REFUND,
    /** Imported from another system with its balance. */
    IMPORTED
  }

  /** Validates the card. */
  public GiftCard {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(reference, "reference");
    issuedAt = Instants.micros(Objects.requireNonNull(issuedAt, "issuedAt"));
    expiresAt = Instants.micros(Objects.requireNonNull(expiresAt, "expiresAt"));
    if (balance.isNegative()) {
      throw new IllegalArgumentException("gift card " + id + " with a balance below zero");
    }
  }

  /** The code with all but its last four characters hidden. */
  public String maskedCode() {
    return GiftCardCode.mask(code);
  }

  /** The last four characters of the code (what a receipt and an event show). */
  public String last4() {
    return code.substring(Math.max(0, code.length() - 4));
  }

  /** True when it has expired by {@code at}. */
  public boolean expiredAt(Instant at) {
    return !at.isBefore(expiresAt);
  }

  /**
   * Why {@code change} (negative to spend, positive to reload) may not be booked on this card at
   * {@code at}, if it may not: not active, expired, another currency, or not enough left. The one
   * home of the rule; each adapter checks it (PostgreSQL in its conditional update, then asks this
   * which check failed).
   */
  public Optional<RuntimeException> refusalOf(Money change, Instant at) {
    if (status != Status.ACTIVE) {
      return Optional.of(
          new RuleViolationException(
              ErrorCode.GIFT_CARD_INVALID,
              "gift card " + maskedCode() + " is " + status.name().toLowerCase(Locale.ROOT)));
    }
    if (expiredAt(at)) {
      return Optional.of(
          new RuleViolationException(
              ErrorCode.GIFT_CARD_EXPIRED,
              "gift card " + maskedCode() + " expired on " + expiresAt));
    }
    if (!balance.currency().equals(change.currency())) {
      return Optional.of(
          new InvalidInputException(
              ErrorCode.CURRENCY_MISMATCH,
              "gift card " + maskedCode() + " holds " + balance.currency()));
    }
    if (balance.plus(change).isNegative()) {
      return Optional.of(
          new RuleViolationException(
              ErrorCode.TENDER_INSUFFICIENT,
              "gift card "
                  + maskedCode()
                  + " holds "
                  + balance
                  + ", "
                  + change.negate()
                  + " asked"));
    }
    return Optional.empty();
  }

  /** This card with another balance. */
  public GiftCard withBalance(Money newBalance) {
    return new GiftCard(
        store, id, code, newBalance, status, origin, reference, issuedAt, expiresAt);
  }

  /** This card closed (expired or cancelled), its balance zero. */
  public GiftCard closed(Status to) {
    return new GiftCard(
        store,
        id,
        code,
        Money.zero(balance.currency()),
        to,
        origin,
        reference,
        issuedAt,
        expiresAt);
  }
}
