package io.vruksha.retail.giftcard;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the gift card SKUs, the cards of each store, the ledger of their balances and the wrong
 * codes counted per source. A card's balance only ever changes together with the entry that
 * explains it, and never goes below zero however many tills spend it at once. Implementations must
 * be thread-safe; writes join the current unit of work.
 */
public interface GiftCardBook {

  /** Makes a SKU sell gift cards (or changes its validity). */
  void saveProduct(GiftCardProduct product);

  /** The gift card product of a SKU, when the SKU sells gift cards. */
  Optional<GiftCardProduct> product(Sku sku);

  /**
   * The gift card products among {@code skus}, by SKU: one look-up for a whole sale (every checkout
   * asks, so it is one statement by key however many lines the sale has).
   */
  Map<Sku, GiftCardProduct> products(Set<Sku> skus);

  /**
   * Stores a new card with the ledger entry that issued it.
   *
   * @throws io.vruksha.retail.RuleViolationException DUPLICATE when the store already has a card
   *     with this code or id, or an entry with this key
   */
  void issue(GiftCard card, GiftCardEntry issued);

  /** The card with this (normalised) code at the store. */
  Optional<GiftCard> byCode(StoreId store, String code);

  /** The card with this id at the store. */
  Optional<GiftCard> byId(StoreId store, String cardId);

  /** The store's cards, oldest issue first (cards issued at one instant in the order issued). */
  List<GiftCard> list(StoreId store);

  /** The cards a sale, return or import issued, in the order issued. */
  List<GiftCard> byReference(StoreId store, String reference);

  /**
   * Adds {@code amount} to an active card's balance (negative to take) and appends its entry, as
   * one step: a card that is not active, or has expired by {@code at}, is refused, and so is a take
   * beyond the balance.
   *
   * @return the card after the change
   * @throws io.vruksha.retail.RuleViolationException GIFT_CARD_INVALID (not active),
   *     GIFT_CARD_EXPIRED, TENDER_INSUFFICIENT (beyond the balance, saying what is left), DUPLICATE
   *     (the key was used)
   * @throws io.vruksha.retail.NotFoundException NOT_FOUND when there is no such card
   */
  GiftCard change(
      StoreId store,
      String cardId,
      GiftCardEntry.Kind kind,
      Money amount,
      Instant at,
      String by,
      String reference,
      String key);

  /**
   * Closes an active card ({@code EXPIRED} or {@code CANCELLED}) and appends the entry that takes
   * its balance, whatever it is at that moment, to zero.
   *
   * @return the card after it
   * @throws io.vruksha.retail.RuleViolationException GIFT_CARD_INVALID when it is not active
   * @throws io.vruksha.retail.NotFoundException NOT_FOUND when there is no such card
   */
  GiftCard close(
      StoreId store,
      String cardId,
      GiftCard.Status to,
      Instant at,
      String by,
      String reference,
      String key);

  /** A card's entries, oldest first. */
  List<GiftCardEntry> entries(StoreId store, String cardId);

  /** The entry written with this idempotency key. */
  Optional<GiftCardEntry> entryByKey(StoreId store, String key);

  /** The store's entries at or after {@code from} and before {@code to}, oldest first. */
  List<GiftCardEntry> entriesBetween(StoreId store, Instant from, Instant to);

  /**
   * What the store's cards in {@code currency} held just before {@code before}: its entries' sum.
   */
  Money outstanding(StoreId store, Currency currency, Instant before);

  /** The store's active cards that have expired by {@code at}, oldest expiry first. */
  List<GiftCard> expiredBy(StoreId store, Instant at);

  /** The wrong codes counted for {@code source} at the store. */
  CodeAttempts attempts(StoreId store, String source);

  /**
   * Counts one more wrong code from {@code source} at {@code at} under {@code lockout}, as one step
   * (two tills failing at once both count), and answers the attempts after it.
   */
  CodeAttempts failedCode(StoreId store, String source, Instant at, CodeLockout lockout);

  /** Forgets the wrong codes of {@code source} (a manager lifted the lock-out). */
  void clearAttempts(StoreId store, String source);
}
