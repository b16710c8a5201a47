package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.giftcard.CodeAttempts;
import io.vruksha.retail.giftcard.CodeLockout;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardBook;
import io.vruksha.retail.giftcard.GiftCardEntry;
import io.vruksha.retail.giftcard.GiftCardProduct;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link GiftCardBook} in memory. Thread-safe (one monitor); writes undo on rollback, except the
 * count of wrong codes, which stands whatever becomes of the unit of work that made it (as the
 * database's does, counted in a unit of work of its own before the sale's).
 */
public final class InMemoryGiftCardBook implements GiftCardBook {

  // a stable sort over the cards in the order they were issued
  private static final Comparator<GiftCard> OLDEST_FIRST = Comparator.comparing(GiftCard::issuedAt);

  private final Map<Sku, GiftCardProduct> products = new HashMap<>();
  private final Map<String, GiftCard> cards = new LinkedHashMap<>(); // store|id
  private final Map<String, String> codes = new HashMap<>(); // store|code -> id
  private final List<GiftCardEntry> entries = new ArrayList<>();
  private final Map<String, GiftCardEntry> keys = new HashMap<>(); // store|key
  private final Map<String, CodeAttempts> attempts = new HashMap<>(); // store|source

  private static String k(StoreId store, String id) {
    return store.value() + "|" + id;
  }

  @Override
  public synchronized void saveProduct(GiftCardProduct product) {
    GiftCardProduct before = products.put(product.sku(), product);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              products.remove(product.sku());
            } else {
              products.put(product.sku(), before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<GiftCardProduct> product(Sku sku) {
    return Optional.ofNullable(products.get(sku));
  }

  @Override
  public synchronized Map<Sku, GiftCardProduct> products(Set<Sku> skus) {
    Map<Sku, GiftCardProduct> found = new HashMap<>();
    skus.forEach(s -> product(s).ifPresent(p -> found.put(s, p)));
    return found;
  }

  @Override
  public synchronized void issue(GiftCard card, GiftCardEntry issued) {
    String id = k(card.store(), card.id());
    String code = k(card.store(), card.code());
    String key = k(card.store(), issued.key());
    if (cards.containsKey(id) || codes.containsKey(code) || keys.containsKey(key)) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE,
          "gift card " + card.maskedCode() + " (or its key " + issued.key() + ") already exists");
    }
    cards.put(id, card);
    codes.put(code, card.id());
    append(issued);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            cards.remove(id);
            codes.remove(code);
          }
        });
  }

  private void append(GiftCardEntry e) {
    String key = k(e.store(), e.key());
    entries.add(e);
    keys.put(key, e);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            entries.remove(e);
            keys.remove(key);
          }
        });
  }

  @Override
  public synchronized Optional<GiftCard> byCode(StoreId store, String code) {
    return Optional.ofNullable(codes.get(k(store, code))).map(id -> cards.get(k(store, id)));
  }

  @Override
  public synchronized Optional<GiftCard> byId(StoreId store, String cardId) {
    return Optional.ofNullable(cards.get(k(store, cardId)));
  }

  @Override
  public synchronized List<GiftCard> list(StoreId store) {
    return cards.values().stream()
        .filter(c -> c.store().equals(store))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public synchronized List<GiftCard> byReference(StoreId store, String reference) {
    return cards.values().stream()
        .filter(c -> c.store().equals(store) && c.reference().equals(reference))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public synchronized GiftCard change(
      StoreId store,
      String cardId,
      GiftCardEntry.Kind kind,
      Money amount,
      Instant at,
      String by,
      String reference,
      String key) {
    GiftCard card = existing(store, cardId);
    Optional<RuntimeException> refused = card.refusalOf(amount, at);
    if (refused.isPresent()) {
      throw refused.get();
    }
    Money after = card.balance().plus(amount);
    if (keys.containsKey(k(store, key))) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE, "gift card entry key " + key + " was already used");
    }
    GiftCard changed = card.withBalance(after);
    replace(card, changed);
    append(new GiftCardEntry(store, cardId, kind, amount, after, at, by, reference, key));
    return changed;
  }

  @Override
  public synchronized GiftCard close(
      StoreId store,
      String cardId,
      GiftCard.Status to,
      Instant at,
      String by,
      String reference,
      String key) {
    GiftCard card = existing(store, cardId);
    if (card.status() != GiftCard.Status.ACTIVE || to == GiftCard.Status.ACTIVE) {
      throw new RuleViolationException(
          ErrorCode.GIFT_CARD_INVALID,
          "gift card " + card.maskedCode() + " is " + card.status().name().toLowerCase());
    }
    GiftCard closed = card.closed(to);
    replace(card, closed);
    append(
        new GiftCardEntry(
            store,
            cardId,
            to == GiftCard.Status.EXPIRED ? GiftCardEntry.Kind.EXPIRE : GiftCardEntry.Kind.CANCEL,
            card.balance().negate(),
            closed.balance(),
            at,
            by,
            reference,
            key));
    return closed;
  }

  private GiftCard existing(StoreId store, String cardId) {
    GiftCard card = cards.get(k(store, cardId));
    if (card == null) {
      throw new NotFoundException(
          ErrorCode.NOT_FOUND, "no gift card " + cardId + " at store " + store);
    }
    return card;
  }

  private void replace(GiftCard before, GiftCard after) {
    String id = k(before.store(), before.id());
    cards.put(id, after);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            cards.put(id, before);
          }
        });
  }

  @Override
  public synchronized List<GiftCardEntry> entries(StoreId store, String cardId) {
    return entries.stream()
        .filter(e -> e.store().equals(store) && e.cardId().equals(cardId))
        .toList();
  }

  @Override
  public synchronized Optional<GiftCardEntry> entryByKey(StoreId store, String key) {
    return Optional.ofNullable(keys.get(k(store, key)));
  }

  @Override
  public synchronized List<GiftCardEntry> entriesBetween(StoreId store, Instant from, Instant to) {
    return entries.stream()
        .filter(e -> e.store().equals(store) && !e.at().isBefore(from) && e.at().isBefore(to))
        .sorted(Comparator.comparing(GiftCardEntry::at))
        .toList();
  }

  @Override
  public synchronized Money outstanding(StoreId store, Currency currency, Instant before) {
    return entries.stream()
        .filter(
            e ->
                e.store().equals(store)
                    && e.at().isBefore(before)
                    && e.amount().currency().equals(currency))
        .map(GiftCardEntry::amount)
        .reduce(Money.zero(currency), Money::plus);
  }

  @Override
  public synchronized List<GiftCard> expiredBy(StoreId store, Instant at) {
    return cards.values().stream()
        .filter(
            c -> c.store().equals(store) && c.status() == GiftCard.Status.ACTIVE && c.expiredAt(at))
        .sorted(Comparator.comparing(GiftCard::expiresAt).thenComparing(GiftCard::id))
        .toList();
  }

  @Override
  public synchronized CodeAttempts attempts(StoreId store, String source) {
    return attempts.getOrDefault(k(store, source), CodeAttempts.NONE);
  }

  @Override
  public synchronized CodeAttempts failedCode(
      StoreId store, String source, Instant at, CodeLockout lockout) {
    CodeAttempts after = lockout.failed(attempts(store, source), at);
    attempts.put(k(store, source), after); // stands on rollback: see the class comment
    return after;
  }

  @Override
  public synchronized void clearAttempts(StoreId store, String source) {
    attempts.remove(k(store, source));
  }
}
