package io.vruksha.retail.giftcard;

import io.vruksha.retail.money.Money;
import java.time.Instant;

/**
 * A card brought over from another system, with the balance it holds there.
 *
 * @param code its code there (kept, normalised)
 * @param balance what is left on it, above zero
 * @param issuedAt when the other system issued it
 * @param expiresAt from when it can no longer be redeemed
 */
public record ImportedGiftCard(String code, Money balance, Instant issuedAt, Instant expiresAt) {}
