package io.vruksha.retail.giftcard;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.GiftCardTenders;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gift card use cases over a {@link GiftCardBook}.
 *
 * <ul>
 *   <li><b>Sold</b>: a line of a {@link GiftCardProduct} SKU activates one card per unit, worth
 *       what the line charged per unit, when the sale commits (in its unit of work: a sale that
 *       fails activates nothing). The till prints the codes from {@link #issued}.
 *   <li><b>Refunded</b>: a return refunded to a gift card issues one holding the refund.
 *   <li><b>Redeemed</b> as a tender, in the sale's unit of work, in part, several cards in one
 *       sale; never below zero (the book's change is one conditional step), never after expiry.
 *   <li><b>Reloaded</b>, <b>cancelled</b> by a manager (what is left is written off),
 *       <b>expired</b> by {@link #expireDue} (what is left leaves the liability as breakage).
 *   <li><b>Wrong codes</b> are counted per store and source (the member of staff at the till, the
 *       caller of an enquiry) and lock the source out by {@link CodeLockout}.
 * </ul>
 *
 * Every balance change is a {@link GiftCardEntry} (who, when, which sale or return, how much) and
 * an event {@code retail.loyalty.giftcard.<action>.v1}. Writes a caller can retry take an
 * idempotency key. Thread-safe when its ports are.
 */
public final class GiftCards implements GiftCardTenders {

  /** How long a card issued as a refund or sold without a validity of its own is valid. */
  public static final int DEFAULT_VALIDITY_MONTHS = 36;

  /** The longest liability report, in days. */
  public static final int MAX_REPORT_DAYS = 366;

  private static final String SYSTEM = "system";

  private final GiftCardBook book;
  private final Stores stores;
  private final UnitOfWork work;
  private final Clock clock;
  private final CodeLockout lockout;
  private final GiftCardEvents events;
  private final GiftCardIssuer issuer;

  /** Gift cards over their ports, wrong codes locking out by {@code lockout}. */
  public GiftCards(
      GiftCardBook book,
      Stores stores,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      CodeLockout lockout) {
    this.book = Objects.requireNonNull(book, "book");
    this.stores = Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lockout = Objects.requireNonNull(lockout, "lockout");
    this.events = new GiftCardEvents(outbox);
    this.issuer = new GiftCardIssuer(book, events);
  }

  /** The port, for lookups. */
  public GiftCardBook book() {
    return book;
  }

  /** Makes {@code product}'s SKU sell gift cards valid for its months. */
  public GiftCardProduct sellAs(GiftCardProduct product) {
    Objects.requireNonNull(product, "product");
    work.run(
        () -> {
          book.saveProduct(product);
          return null;
        });
    return product;
  }

  // ---- the till: screening, redemption, activation, refunds --------------------------------

  @Override
  public void screen(StoreId store, List<String> codes, String source) {
    if (codes.isEmpty()) {
      return;
    }
    Objects.requireNonNull(source, "source");
    List<String> normalised = codes.stream().map(GiftCardCode::normalise).toList();
    Instant now = clock.instant();
    // the refusal is returned, not thrown, so the count it made commits with this unit of work
    Optional<RetailException> refused =
        work.runFor(
            store,
            () -> {
              CodeAttempts attempts = book.attempts(store, source);
              if (attempts.blockedAt(now)) {
                return Optional.of(locked(source, attempts));
              }
              for (String code : normalised) {
                if (book.byCode(store, code).isEmpty()) {
                  CodeAttempts after = book.failedCode(store, source, now, lockout);
                  return Optional.of(wrongCode(store, code, after, now));
                }
              }
              return Optional.<RetailException>empty();
            });
    if (refused.isPresent()) {
      throw refused.get();
    }
  }

  private static RetailException locked(String source, CodeAttempts attempts) {
    return new RuleViolationException(
        ErrorCode.GIFT_CARD_LOCKED,
        "too many wrong gift card codes from "
            + source
            + ": codes are refused until "
            + attempts.blockedUntil().orElseThrow(() -> new IllegalStateException("no wait")));
  }

  private static RetailException wrongCode(
      StoreId store, String code, CodeAttempts after, Instant now) {
    String why =
        GiftCardCode.mistyped(code)
            ? "gift card code " + GiftCardCode.mask(code) + " has a wrong check digit (mistyped?)"
            : "no gift card " + GiftCardCode.mask(code) + " at store " + store;
    String wait =
        after.blockedAt(now)
            ? "; further codes are refused until " + after.blockedUntil().orElseThrow()
            : "";
    return new RuleViolationException(ErrorCode.GIFT_CARD_INVALID, why + wait);
  }

  @Override
  public String redeem(
      StoreId store, String code, Money amount, String saleId, int tender, Instant at, Actor by) {
    GiftCard card = byCode(store, code);
    requireCurrency(card, amount);
    GiftCard after =
        book.change(
            store,
            card.id(),
            GiftCardEntry.Kind.REDEEM,
            amount.negate(),
            at,
            by.staffId(),
            saleId,
            "sale:" + saleId + ":" + tender);
    events.publish(after, "REDEEMED", amount.negate(), saleId, at);
    return after.maskedCode();
  }

  @Override
  public void activateSold(Sale sale, Actor by) {
    issuer.sold(sale, by);
  }

  @Override
  public String issueRefund(StoreId store, Money refund, String returnId, Instant at, Actor by) {
    return issuer.refund(store, refund, returnId, at, by).maskedCode();
  }

  // ---- at the counter and in the back office -------------------------------------------------

  /**
   * The cards a sale or a return issued, with their whole codes (to print them).
   *
   * @throws NotFoundException NOT_FOUND when it issued none at this store
   */
  public List<GiftCard> issued(StoreId store, String saleOrReturnId) {
    List<GiftCard> cards = work.runFor(store, () -> book.byReference(store, saleOrReturnId));
    if (cards.isEmpty()) {
      throw new NotFoundException(
          ErrorCode.NOT_FOUND,
          "no gift cards were issued by " + saleOrReturnId + " at store " + store);
    }
    return cards;
  }

  /**
   * A balance enquiry: the card with this code, after the code is screened for {@code source}.
   *
   * @throws RuleViolationException GIFT_CARD_INVALID or GIFT_CARD_LOCKED
   */
  public GiftCard balance(StoreId store, String code, String source) {
    screen(store, List.of(code), source);
    return work.runFor(store, () -> byCode(store, code));
  }

  /**
   * Adds {@code amount} to the card with this code, once per {@code key}: a retry with the same key
   * answers the card as it is and adds nothing.
   *
   * @param reference what paid for it (the sale or payment reference), kept on the ledger entry
   * @throws RuleViolationException GIFT_CARD_INVALID (unknown or cancelled), GIFT_CARD_EXPIRED,
   *     GIFT_CARD_LOCKED, IDEMPOTENCY_MISMATCH (the key was used for another change)
   */
  public GiftCard reload(
      StoreId store,
      String code,
      Money amount,
      String key,
      String reference,
      Actor by,
      String source) {
    requireKey(key);
    if (amount == null || !amount.isPositive()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a reload must be above zero");
    }
    screen(store, List.of(code), source);
    Instant now = clock.instant();
    return work.runFor(
        store,
        () -> {
          GiftCard card = byCode(store, code);
          Optional<GiftCard> replay =
              replay(store, key, card.id(), GiftCardEntry.Kind.RELOAD, amount);
          if (replay.isPresent()) {
            return replay.get();
          }
          requireCurrency(card, amount);
          String ref = reference == null || reference.isBlank() ? key : reference.strip();
          GiftCard after =
              book.change(
                  store, card.id(), GiftCardEntry.Kind.RELOAD, amount, now, by.staffId(), ref, key);
          events.publish(after, "RELOADED", amount, ref, now);
          return after;
        });
  }

  /**
   * Cancels a card (lost, stolen, sold by mistake): what is left is written off. Needs {@link
   * Permission#CANCEL_GIFT_CARD} (managers); once per key.
   */
  public GiftCard cancel(StoreId store, String cardId, String key, Actor manager) {
    requireKey(key);
    manager.require(Permission.CANCEL_GIFT_CARD, "cancel a gift card");
    Instant now = clock.instant();
    return work.runFor(
        store,
        () -> {
          GiftCard card = card(store, cardId);
          Optional<GiftCard> replay =
              replay(store, key, card.id(), GiftCardEntry.Kind.CANCEL, null);
          if (replay.isPresent()) {
            return replay.get();
          }
          Money left = card.balance();
          GiftCard after =
              book.close(
                  store, cardId, GiftCard.Status.CANCELLED, now, manager.staffId(), key, key);
          events.publish(after, "CANCELLED", left.negate(), key, now);
          return after;
        });
  }

  /**
   * Expires the store's active cards whose expiry has passed: each is closed and what was left on
   * it leaves the liability (breakage), with an {@code expired} event. Run it daily; a card past
   * its expiry is refused at the till whether or not this has run.
   */
  public List<GiftCard> expireDue(StoreId store) {
    Instant now = clock.instant();
    return work.runFor(
        store,
        () -> {
          List<GiftCard> expired = new ArrayList<>();
          for (GiftCard card : book.expiredBy(store, now)) {
            Money left = card.balance();
            GiftCard after =
                book.close(
                    store,
                    card.id(),
                    GiftCard.Status.EXPIRED,
                    now,
                    SYSTEM,
                    "expiry",
                    "expire:" + card.id());
            events.publish(after, "EXPIRED", left.negate(), "expiry", now);
            expired.add(after);
          }
          return expired;
        });
  }

  /** Lifts a source's lock-out (a manager, {@link Permission#CANCEL_GIFT_CARD}). */
  public void unlock(StoreId store, String source, Actor manager) {
    manager.require(Permission.CANCEL_GIFT_CARD, "lift a gift card code lock-out");
    work.runFor(
        store,
        () -> {
          book.clearAttempts(store, source);
          return null;
        });
  }

  /** The store's cards, oldest first. */
  public List<GiftCard> list(StoreId store) {
    return work.runFor(store, () -> book.list(store));
  }

  /** A card by id. */
  public GiftCard card(StoreId store, String cardId) {
    return work.runFor(
        store,
        () ->
            book.byId(store, cardId)
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            ErrorCode.NOT_FOUND, "no gift card " + cardId + " at store " + store)));
  }

  /** A card's ledger, oldest first: its amounts add up to its balance. */
  public List<GiftCardEntry> ledger(StoreId store, String cardId) {
    return work.runFor(
        store,
        () -> {
          card(store, cardId);
          return book.entries(store, cardId);
        });
  }

  /**
   * What the store owes on its gift cards on each day from {@code from} to {@code to} (inclusive),
   * in the store's time zone.
   */
  public GiftCardLiability liability(StoreId store, LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a liability report needs a first day on or before its last");
    }
    if (from.plusDays(MAX_REPORT_DAYS).isBefore(to.plusDays(1))) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a liability report covers at most " + MAX_REPORT_DAYS + " days");
    }
    Store s = store(store);
    Instant start = from.atStartOfDay(s.zone()).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(s.zone()).toInstant();
    return work.runFor(
        store, () -> GiftCardLiabilityReport.of(book, store, s, from, to, start, end));
  }

  /**
   * Imports cards from another system, all or none: every card is checked first (a code of 8 to 32
   * letters and digits, not twice in the file nor already at the store; a balance above zero in the
   * store's currency; an expiry after the issue) and any broken one refuses the whole import, each
   * problem named by its position (1 = the first card). Once per {@code key}.
   *
   * @param key the import's idempotency key (a retry of an import that committed is refused as a
   *     DUPLICATE naming it)
   * @throws InvalidInputException VALIDATION listing every broken card; nothing is imported
   */
  public List<GiftCard> importCards(
      StoreId store, List<ImportedGiftCard> cards, String key, Actor by) {
    requireKey(key);
    Store s = store(store);
    return work.runFor(
        store,
        () -> {
          if (book.entryByKey(store, "import:" + key + ":1").isPresent()) {
            throw new RuleViolationException(
                ErrorCode.DUPLICATE, "import " + key + " was already made");
          }
          List<String> codes = new ArrayList<>();
          List<String> problems = GiftCardImportCheck.problems(book, store, s, cards, codes);
          if (!problems.isEmpty()) {
            throw new InvalidInputException(
                ErrorCode.VALIDATION,
                problems.size() + " of the cards to import are broken; nothing was imported",
                problems);
          }
          List<GiftCard> imported = new ArrayList<>();
          for (int i = 0; i < cards.size(); i++) {
            ImportedGiftCard c = cards.get(i);
            imported.add(
                issuer.issue(
                    store,
                    c.balance(),
                    GiftCard.Origin.IMPORTED,
                    "import:" + key,
                    c.issuedAt(),
                    c.expiresAt(),
                    by.staffId(),
                    "import:" + key + ":" + (i + 1),
                    Optional.of(codes.get(i))));
          }
          return imported;
        });
  }

  // ---- helpers ------------------------------------------------------------------------------

  private GiftCard byCode(StoreId store, String code) {
    String c = GiftCardCode.normalise(code);
    return book.byCode(store, c)
        .orElseThrow(
            () ->
                new RuleViolationException(
                    ErrorCode.GIFT_CARD_INVALID,
                    "no gift card " + GiftCardCode.mask(c) + " at store " + store));
  }

  private Store store(StoreId store) {
    return stores
        .find(store)
        .orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "no store " + store));
  }

  private static void requireCurrency(GiftCard card, Money amount) {
    if (!amount.currency().equals(card.balance().currency())) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "gift card "
              + card.maskedCode()
              + " holds "
              + card.balance().currency()
              + ", not "
              + amount.currency());
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isBlank() || key.length() > 128) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "an idempotency key of 1 to 128 characters is needed");
    }
  }

  /** The card as it is when {@code key} was already used for this change; refused for another. */
  private Optional<GiftCard> replay(
      StoreId store, String key, String cardId, GiftCardEntry.Kind kind, Money amount) {
    Optional<GiftCardEntry> seen = book.entryByKey(store, key);
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    GiftCardEntry e = seen.get();
    if (!e.cardId().equals(cardId)
        || e.kind() != kind
        || (amount != null && !e.amount().equals(amount))) {
      throw new RuleViolationException(
          ErrorCode.IDEMPOTENCY_MISMATCH,
          "idempotency key '" + key + "' was already used for another gift card change");
    }
    return book.byId(store, cardId);
  }
}
