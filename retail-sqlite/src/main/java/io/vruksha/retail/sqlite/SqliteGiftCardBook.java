package io.vruksha.retail.sqlite;

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
import io.vruksha.retail.time.Instants;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@link GiftCardBook} on SQLite: gift card SKUs, cards, their append-only ledger of entries (a
 * trigger refuses to change or remove one) and the wrong codes counted per source. A balance is
 * read, checked ({@link GiftCard#refusalOf}) and written with its entry in one unit of work of the
 * store's one writer, so tills spending one card at once never take it below zero. Amounts are
 * decimal strings added up in Java. Thread-safe.
 */
public final class SqliteGiftCardBook implements GiftCardBook, JoinsUnitOfWork {

  private static final String CARD_COLUMNS =
      "store_id, card_id, code, currency, balance, status, origin, reference, issued_at,"
          + " expires_at";

  private static final String ENTRY_COLUMNS =
      "store_id, card_id, kind, amount, currency, balance_after, at, staff_id, reference,"
          + " idempotency_key";

  private final SqliteUnitOfWork work;

  /** The gift cards of {@code db}. */
  public SqliteGiftCardBook(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }

  @Override
  public void saveProduct(GiftCardProduct product) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO gift_card_products VALUES (:k, :m)"
                        + " ON CONFLICT (sku) DO UPDATE SET validity_months = :m")
                .bind("k", product.sku().value())
                .bind("m", product.validityMonths())
                .execute());
  }

  @Override
  public Optional<GiftCardProduct> product(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT validity_months FROM gift_card_products WHERE sku = :k")
                .bind("k", sku.value())
                .mapTo(Integer.class)
                .findOne()
                .map(m -> new GiftCardProduct(sku, m)));
  }

  @Override
  public Map<Sku, GiftCardProduct> products(Set<Sku> skus) {
    if (skus.isEmpty()) {
      return Map.of();
    }
    return work.with(
        h -> {
          Map<Sku, GiftCardProduct> found = new HashMap<>();
          h.createQuery("SELECT sku, validity_months FROM gift_card_products WHERE sku IN (<k>)")
              .bindList("k", skus.stream().map(Sku::value).toList())
              .map((rs, ctx) -> new GiftCardProduct(Sku.of(rs.getString(1)), rs.getInt(2)))
              .forEach(p -> found.put(p.sku(), p));
          return found;
        });
  }

  @Override
  public void issue(GiftCard card, GiftCardEntry issued) {
    work.write(
        h -> {
          boolean taken =
              h.createQuery(
                      "SELECT 1 FROM gift_cards WHERE store_id = :s"
                          + " AND (card_id = :id OR code = :code)"
                          + " UNION ALL SELECT 1 FROM gift_card_entries"
                          + " WHERE store_id = :s AND idempotency_key = :key")
                  .bind("s", card.store().value())
                  .bind("id", card.id())
                  .bind("code", card.code())
                  .bind("key", issued.key())
                  .mapTo(Integer.class)
                  .findFirst()
                  .isPresent();
          if (taken) {
            throw new RuleViolationException(
                ErrorCode.DUPLICATE,
                "gift card "
                    + card.maskedCode()
                    + " (or its key "
                    + issued.key()
                    + ") already exists");
          }
          h.createUpdate(
                  "INSERT INTO gift_cards ("
                      + CARD_COLUMNS
                      + ") VALUES (:s, :id, :code, :cur, :b, :st, :o, :r, :at, :exp)")
              .bind("s", card.store().value())
              .bind("id", card.id())
              .bind("code", card.code())
              .bind("cur", card.balance().currency().getCurrencyCode())
              .bind("b", SqliteValues.decimal(card.balance().amount()))
              .bind("st", card.status().name())
              .bind("o", card.origin().name())
              .bind("r", card.reference())
              .bind("at", SqliteValues.micros(card.issuedAt()))
              .bind("exp", SqliteValues.micros(card.expiresAt()))
              .execute();
          return append(h, issued);
        });
  }

  /** Appends an entry; its key must be new at the store (checked by the caller or here). */
  private static int append(Handle h, GiftCardEntry e) {
    if (entryByKey(h, e.store(), e.key()).isPresent()) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE, "gift card entry key " + e.key() + " was already used");
    }
    return h.createUpdate(
            "INSERT INTO gift_card_entries ("
                + ENTRY_COLUMNS
                + ") VALUES (:s, :c, :k, :a, :cur, :b, :at, :by, :r, :key)")
        .bind("s", e.store().value())
        .bind("c", e.cardId())
        .bind("k", e.kind().name())
        .bind("a", SqliteValues.decimal(e.amount().amount()))
        .bind("cur", e.amount().currency().getCurrencyCode())
        .bind("b", SqliteValues.decimal(e.balanceAfter().amount()))
        .bind("at", SqliteValues.micros(e.at()))
        .bind("by", e.by())
        .bind("r", e.reference())
        .bind("key", e.key())
        .execute();
  }

  private static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
    return Money.of(SqliteValues.decimal(rs.getString(column)), currency);
  }

  private static GiftCard card(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    return new GiftCard(
        StoreId.of(rs.getString("store_id")),
        rs.getString("card_id"),
        rs.getString("code"),
        money(rs, "balance", currency),
        GiftCard.Status.valueOf(rs.getString("status")),
        GiftCard.Origin.valueOf(rs.getString("origin")),
        rs.getString("reference"),
        SqliteValues.instant(rs.getLong("issued_at")),
        SqliteValues.instant(rs.getLong("expires_at")));
  }

  private static GiftCardEntry entry(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    return new GiftCardEntry(
        StoreId.of(rs.getString("store_id")),
        rs.getString("card_id"),
        GiftCardEntry.Kind.valueOf(rs.getString("kind")),
        money(rs, "amount", currency),
        money(rs, "balance_after", currency),
        SqliteValues.instant(rs.getLong("at")),
        rs.getString("staff_id"),
        rs.getString("reference"),
        rs.getString("idempotency_key"));
  }

  private List<GiftCard> cards(String where, StoreId store, String name, Object value) {
    return work.with(h -> cards(h, where, store, name, value));
  }

  private static List<GiftCard> cards(
      Handle h, String where, StoreId store, String name, Object value) {
    var q =
        h.createQuery("SELECT " + CARD_COLUMNS + " FROM gift_cards WHERE store_id = :s" + where)
            .bind("s", store.value());
    if (name != null) {
      q.bind(name, value);
    }
    return q.map((rs, ctx) -> card(rs)).list();
  }

  @Override
  public Optional<GiftCard> byCode(StoreId store, String code) {
    return cards(" AND code = :code", store, "code", code).stream().findFirst();
  }

  @Override
  public Optional<GiftCard> byId(StoreId store, String cardId) {
    return cards(" AND card_id = :id", store, "id", cardId).stream().findFirst();
  }

  @Override
  public List<GiftCard> list(StoreId store) {
    return cards(" ORDER BY issued_at, sequence", store, null, null);
  }

  @Override
  public List<GiftCard> byReference(StoreId store, String reference) {
    return cards(" AND reference = :r ORDER BY issued_at, sequence", store, "r", reference);
  }

  @Override
  public List<GiftCard> expiredBy(StoreId store, Instant at) {
    // a card has expired by at when its expiry is at or before it; stored instants are in
    // microseconds, so at or before at is at or before at's last whole microsecond
    return cards(
        " AND status = 'ACTIVE' AND expires_at <= :at ORDER BY expires_at, card_id COLLATE JAVA",
        store,
        "at",
        SqliteValues.micros(Instants.micros(at)));
  }

  private static GiftCard existing(Handle h, StoreId store, String cardId) {
    return cards(h, " AND card_id = :id", store, "id", cardId).stream()
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no gift card " + cardId + " at store " + store));
  }

  private static void setBalance(Handle h, GiftCard card) {
    h.createUpdate(
            "UPDATE gift_cards SET balance = :b, status = :st"
                + " WHERE store_id = :s AND card_id = :c")
        .bind("b", SqliteValues.decimal(card.balance().amount()))
        .bind("st", card.status().name())
        .bind("s", card.store().value())
        .bind("c", card.id())
        .execute();
  }

  @Override
  public GiftCard change(
      StoreId store,
      String cardId,
      GiftCardEntry.Kind kind,
      Money amount,
      Instant at,
      String by,
      String reference,
      String key) {
    return work.write(
        h -> {
          GiftCard card = existing(h, store, cardId);
          Optional<RuntimeException> refused = card.refusalOf(amount, at);
          if (refused.isPresent()) {
            throw refused.get();
          }
          GiftCard changed = card.withBalance(card.balance().plus(amount));
          GiftCardEntry entry =
              new GiftCardEntry(
                  store, cardId, kind, amount, changed.balance(), at, by, reference, key);
          append(h, entry);
          setBalance(h, changed);
          return changed;
        });
  }

  @Override
  public GiftCard close(
      StoreId store,
      String cardId,
      GiftCard.Status to,
      Instant at,
      String by,
      String reference,
      String key) {
    return work.write(
        h -> {
          GiftCard card = existing(h, store, cardId);
          if (card.status() != GiftCard.Status.ACTIVE || to == GiftCard.Status.ACTIVE) {
            throw new RuleViolationException(
                ErrorCode.GIFT_CARD_INVALID,
                "gift card "
                    + card.maskedCode()
                    + " is "
                    + card.status().name().toLowerCase(Locale.ROOT));
          }
          GiftCard closed = card.closed(to);
          append(
              h,
              new GiftCardEntry(
                  store,
                  cardId,
                  to == GiftCard.Status.EXPIRED
                      ? GiftCardEntry.Kind.EXPIRE
                      : GiftCardEntry.Kind.CANCEL,
                  card.balance().negate(),
                  closed.balance(),
                  at,
                  by,
                  reference,
                  key));
          setBalance(h, closed);
          return closed;
        });
  }

  @Override
  public List<GiftCardEntry> entries(StoreId store, String cardId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT "
                        + ENTRY_COLUMNS
                        + " FROM gift_card_entries WHERE store_id = :s AND card_id = :c"
                        + " ORDER BY sequence")
                .bind("s", store.value())
                .bind("c", cardId)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public Optional<GiftCardEntry> entryByKey(StoreId store, String key) {
    return work.with(h -> entryByKey(h, store, key));
  }

  private static Optional<GiftCardEntry> entryByKey(Handle h, StoreId store, String key) {
    return h.createQuery(
            "SELECT "
                + ENTRY_COLUMNS
                + " FROM gift_card_entries WHERE store_id = :s AND idempotency_key = :k")
        .bind("s", store.value())
        .bind("k", key)
        .map((rs, ctx) -> entry(rs))
        .findOne();
  }

  @Override
  public List<GiftCardEntry> entriesBetween(StoreId store, Instant from, Instant to) {
    // at or after from, before to: with stored microseconds, the same as against their ceilings
    return work.with(
        h ->
            h.createQuery(
                    "SELECT "
                        + ENTRY_COLUMNS
                        + " FROM gift_card_entries WHERE store_id = :s AND at >= :f AND at < :t"
                        + " ORDER BY at, sequence")
                .bind("s", store.value())
                .bind("f", SqliteValues.micros(Instants.microsCeiling(from)))
                .bind("t", SqliteValues.micros(Instants.microsCeiling(to)))
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public Money outstanding(StoreId store, Currency currency, Instant before) {
    return work.with(
        h ->
            h
                .createQuery(
                    "SELECT amount FROM gift_card_entries"
                        + " WHERE store_id = :s AND currency = :cur AND at < :b")
                .bind("s", store.value())
                .bind("cur", currency.getCurrencyCode())
                .bind("b", SqliteValues.micros(Instants.microsCeiling(before)))
                .mapTo(String.class)
                .map(a -> Money.of(SqliteValues.decimal(a), currency))
                .stream()
                .reduce(Money.zero(currency), Money::plus));
  }

  @Override
  public CodeAttempts attempts(StoreId store, String source) {
    return work.with(h -> attempts(h, store, source));
  }

  private static CodeAttempts attempts(Handle h, StoreId store, String source) {
    return h.createQuery(
            "SELECT failures, last_failure, blocked_until FROM gift_card_code_attempts"
                + " WHERE store_id = :s AND source = :src")
        .bind("s", store.value())
        .bind("src", source)
        .map(
            (rs, ctx) ->
                new CodeAttempts(
                    rs.getInt("failures"),
                    Rows.instant(rs, "last_failure"),
                    Rows.instant(rs, "blocked_until")))
        .findOne()
        .orElse(CodeAttempts.NONE);
  }

  @Override
  public CodeAttempts failedCode(StoreId store, String source, Instant at, CodeLockout lockout) {
    return work.write(
        h -> {
          CodeAttempts after = lockout.failed(attempts(h, store, source), at);
          h.createUpdate(
                  "INSERT INTO gift_card_code_attempts VALUES (:s, :src, :f, :l, :b)"
                      + " ON CONFLICT (store_id, source)"
                      + " DO UPDATE SET failures = :f, last_failure = :l, blocked_until = :b")
              .bind("s", store.value())
              .bind("src", source)
              .bind("f", after.failures())
              .bind("l", Rows.micros(after.lastFailure()))
              .bind("b", Rows.micros(after.blockedUntil()))
              .execute();
          return after;
        });
  }

  @Override
  public void clearAttempts(StoreId store, String source) {
    work.write(
        h ->
            h.createUpdate(
                    "DELETE FROM gift_card_code_attempts WHERE store_id = :s AND source = :src")
                .bind("s", store.value())
                .bind("src", source)
                .execute());
  }
}
