package io.vruksha.retail.postgres;

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
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@link GiftCardBook} on PostgreSQL (schema V20, V21). A balance changes by one conditional {@code
 * UPDATE} (the card active, not expired, enough left), so tills spending one card at once queue on
 * its row and the condition is checked again on the row each one finds: none takes it below zero.
 * The entry goes into the append-only ledger in the same transaction. Thread-safe.
 */
public final class PostgresGiftCardBook implements GiftCardBook, JoinsUnitOfWork {

  private static final String CARD_COLUMNS =
      "store_id, card_id, code, currency, balance, status, origin, reference, issued_at,"
          + " expires_at";

  private final PostgresUnitOfWork work;

  /** The gift cards of {@code db}. */
  public PostgresGiftCardBook(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }

  @Override
  public void saveProduct(GiftCardProduct product) {
    work.with(
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

  /** The gift card products among a sale's SKUs: every checkout runs it. */
  static final String PRODUCTS =
      "SELECT p.sku, p.validity_months FROM unnest(CAST(? AS text[])) AS s (sku)"
          // OFFSET 0 keeps the look-up by key per SKU: flattened into a join, it was planned as a
          // hash join over a scan of the whole table
          + " CROSS JOIN LATERAL (SELECT g.sku, g.validity_months FROM gift_card_products g"
          + " WHERE g.sku = s.sku OFFSET 0) p";

  @Override
  public Map<Sku, GiftCardProduct> products(Set<Sku> skus) {
    if (skus.isEmpty()) {
      return Map.of();
    }
    // it reads gift_card_products only: the checkout's held-back writes stay held back and go
    // with the rest at commit, one statement for all of them instead of two
    return work.query(
        Set.of("gift_card_products"),
        PRODUCTS,
        rs -> {
          Map<Sku, GiftCardProduct> found = new HashMap<>();
          while (rs.next()) {
            Sku sku = Sku.of(rs.getString(1));
            found.put(sku, new GiftCardProduct(sku, rs.getInt(2)));
          }
          return found;
        },
        (Object) skus.stream().map(Sku::value).toArray(String[]::new));
  }

  @Override
  public void issue(GiftCard card, GiftCardEntry issued) {
    work.with(
        h -> {
          int written =
              h.createUpdate(
                      "INSERT INTO gift_cards ("
                          + CARD_COLUMNS
                          + ") VALUES (:s, :id, :code, :cur, :b, :st, :o, :r, :at, :exp)"
                          + " ON CONFLICT DO NOTHING")
                  .bind("s", card.store().value())
                  .bind("id", card.id())
                  .bind("code", card.code())
                  .bind("cur", card.balance().currency().getCurrencyCode())
                  .bind("b", card.balance().amount())
                  .bind("st", card.status().name())
                  .bind("o", card.origin().name())
                  .bind("r", card.reference())
                  .bind("at", Timestamp.from(card.issuedAt()))
                  .bind("exp", Timestamp.from(card.expiresAt()))
                  .execute();
          if (written == 0) {
            throw new RuleViolationException(
                ErrorCode.DUPLICATE, "gift card " + card.maskedCode() + " already exists");
          }
          append(h, issued);
          return null;
        });
  }

  private static void append(Handle h, GiftCardEntry e) {
    int written =
        h.createUpdate(
                "INSERT INTO gift_card_entries (store_id, card_id, kind, amount, currency,"
                    + " balance_after, at, staff_id, reference, idempotency_key)"
                    + " VALUES (:s, :c, :k, :a, :cur, :b, :at, :by, :r, :key)"
                    + " ON CONFLICT (store_id, idempotency_key) DO NOTHING")
            .bind("s", e.store().value())
            .bind("c", e.cardId())
            .bind("k", e.kind().name())
            .bind("a", e.amount().amount())
            .bind("cur", e.amount().currency().getCurrencyCode())
            .bind("b", e.balanceAfter().amount())
            .bind("at", Timestamp.from(e.at()))
            .bind("by", e.by())
            .bind("r", e.reference())
            .bind("key", e.key())
            .execute();
    if (written == 0) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE, "gift card entry key " + e.key() + " was already used");
    }
  }

  private static GiftCard card(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency").trim());
    return new GiftCard(
        StoreId.of(rs.getString("store_id")),
        rs.getString("card_id"),
        rs.getString("code"),
        PostgresJournal.money(rs.getBigDecimal("balance"), currency),
        GiftCard.Status.valueOf(rs.getString("status")),
        GiftCard.Origin.valueOf(rs.getString("origin")),
        rs.getString("reference"),
        rs.getTimestamp("issued_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant());
  }

  private static GiftCardEntry entry(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency").trim());
    return new GiftCardEntry(
        StoreId.of(rs.getString("store_id")),
        rs.getString("card_id"),
        GiftCardEntry.Kind.valueOf(rs.getString("kind")),
        PostgresJournal.money(rs.getBigDecimal("amount"), currency),
        PostgresJournal.money(rs.getBigDecimal("balance_after"), currency),
        rs.getTimestamp("at").toInstant(),
        rs.getString("staff_id"),
        rs.getString("reference"),
        rs.getString("idempotency_key"));
  }

  private List<GiftCard> cards(String where, StoreId store, String name, Object value) {
    return work.with(
        h -> {
          var q =
              h.createQuery(
                      "SELECT " + CARD_COLUMNS + " FROM gift_cards WHERE store_id = :s" + where)
                  .bind("s", store.value());
          if (name != null) {
            q.bind(name, value);
          }
          return q.map((rs, ctx) -> card(rs)).list();
        });
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
    return cards(" AND reference = :r ORDER BY sequence", store, "r", reference);
  }

  @Override
  public List<GiftCard> expiredBy(StoreId store, Instant at) {
    return cards(
        " AND status = 'ACTIVE' AND expires_at <= :at ORDER BY expires_at, card_id",
        store,
        "at",
        Timestamp.from(at));
  }

  /** A balance change: the card active, not expired, in the currency, enough left. */
  static final String CHANGE =
      "UPDATE gift_cards SET balance = balance + :a"
          + " WHERE store_id = :s AND card_id = :c AND status = 'ACTIVE'"
          + " AND expires_at > :at AND currency = :cur AND balance + :a >= 0"
          + " RETURNING "
          + CARD_COLUMNS;

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
    return work.with(
        h -> {
          Optional<GiftCard> changed =
              h.createQuery(CHANGE)
                  .bind("a", amount.amount())
                  .bind("s", store.value())
                  .bind("c", cardId)
                  .bind("at", Timestamp.from(at))
                  .bind("cur", amount.currency().getCurrencyCode())
                  .map((rs, ctx) -> card(rs))
                  .findOne();
          if (changed.isEmpty()) {
            throw refusal(existing(h, store, cardId), amount, at);
          }
          GiftCard after = changed.get();
          append(
              h,
              new GiftCardEntry(
                  store, cardId, kind, amount, after.balance(), at, by, reference, key));
          return after;
        });
  }

  /** Why a conditional change found no row: {@link GiftCard#refusalOf}, the rule's one home. */
  private static RuntimeException refusal(GiftCard card, Money amount, Instant at) {
    return card.refusalOf(amount, at)
        .orElseGet(
            () ->
                new IllegalStateException(
                    "gift card "
                        + card.maskedCode()
                        + " refused a change of "
                        + amount
                        + " that every check allows"));
  }

  private static GiftCard existing(Handle h, StoreId store, String cardId) {
    return h.createQuery(
            "SELECT " + CARD_COLUMNS + " FROM gift_cards WHERE store_id = :s AND card_id = :c")
        .bind("s", store.value())
        .bind("c", cardId)
        .map((rs, ctx) -> card(rs))
        .findOne()
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no gift card " + cardId + " at store " + store));
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
    if (to == GiftCard.Status.ACTIVE) {
      throw new IllegalArgumentException("a card is closed as EXPIRED or CANCELLED");
    }
    return work.with(
        h -> {
          // the row lock taken here holds off redemptions until the balance is written off
          GiftCard card =
              h.createQuery(
                      "SELECT "
                          + CARD_COLUMNS
                          + " FROM gift_cards WHERE store_id = :s AND card_id = :c FOR UPDATE")
                  .bind("s", store.value())
                  .bind("c", cardId)
                  .map((rs, ctx) -> card(rs))
                  .findOne()
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              ErrorCode.NOT_FOUND,
                              "no gift card " + cardId + " at store " + store));
          if (card.status() != GiftCard.Status.ACTIVE) {
            throw new RuleViolationException(
                ErrorCode.GIFT_CARD_INVALID,
                "gift card " + card.maskedCode() + " is " + card.status().name().toLowerCase());
          }
          h.createUpdate(
                  "UPDATE gift_cards SET balance = 0, status = :st"
                      + " WHERE store_id = :s AND card_id = :c")
              .bind("st", to.name())
              .bind("s", store.value())
              .bind("c", cardId)
              .execute();
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
          return closed;
        });
  }

  @Override
  public List<GiftCardEntry> entries(StoreId store, String cardId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM gift_card_entries WHERE store_id = :s AND card_id = :c"
                        + " ORDER BY sequence")
                .bind("s", store.value())
                .bind("c", cardId)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public Optional<GiftCardEntry> entryByKey(StoreId store, String key) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM gift_card_entries WHERE store_id = :s AND idempotency_key = :k")
                .bind("s", store.value())
                .bind("k", key)
                .map((rs, ctx) -> entry(rs))
                .findOne());
  }

  @Override
  public List<GiftCardEntry> entriesBetween(StoreId store, Instant from, Instant to) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM gift_card_entries WHERE store_id = :s AND at >= :f AND at < :t"
                        + " ORDER BY at, sequence")
                .bind("s", store.value())
                .bind("f", Timestamp.from(from))
                .bind("t", Timestamp.from(to))
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public Money outstanding(StoreId store, Currency currency, Instant before) {
    return work.with(
        h ->
            PostgresJournal.money(
                h.createQuery(
                        "SELECT coalesce(sum(amount), 0) FROM gift_card_entries"
                            + " WHERE store_id = :s AND currency = :cur AND at < :b")
                    .bind("s", store.value())
                    .bind("cur", currency.getCurrencyCode())
                    .bind("b", Timestamp.from(before))
                    .mapTo(BigDecimal.class)
                    .one(),
                currency));
  }

  @Override
  public CodeAttempts attempts(StoreId store, String source) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT failures, last_failure, blocked_until FROM gift_card_code_attempts"
                        + " WHERE store_id = :s AND source = :src")
                .bind("s", store.value())
                .bind("src", source)
                .map((rs, ctx) -> attempts(rs))
                .findOne()
                .orElse(CodeAttempts.NONE));
  }

  private static CodeAttempts attempts(ResultSet rs) throws SQLException {
    Timestamp last = rs.getTimestamp("last_failure");
    Timestamp until = rs.getTimestamp("blocked_until");
    return new CodeAttempts(
        rs.getInt("failures"),
        Optional.ofNullable(last).map(Timestamp::toInstant),
        Optional.ofNullable(until).map(Timestamp::toInstant));
  }

  @Override
  public CodeAttempts failedCode(StoreId store, String source, Instant at, CodeLockout lockout) {
    return work.with(
        h -> {
          // the row exists and is locked first, so two tills failing at once both count
          h.createUpdate(
                  "INSERT INTO gift_card_code_attempts (store_id, source, failures)"
                      + " VALUES (:s, :src, 0) ON CONFLICT DO NOTHING")
              .bind("s", store.value())
              .bind("src", source)
              .execute();
          CodeAttempts before =
              h.createQuery(
                      "SELECT failures, last_failure, blocked_until FROM gift_card_code_attempts"
                          + " WHERE store_id = :s AND source = :src FOR UPDATE")
                  .bind("s", store.value())
                  .bind("src", source)
                  .map((rs, ctx) -> attempts(rs))
                  .one();
          CodeAttempts after = lockout.failed(before, at);
          h.createUpdate(
                  "UPDATE gift_card_code_attempts SET failures = :f, last_failure = :l,"
                      + " blocked_until = :b WHERE store_id = :s AND source = :src")
              .bind("f", after.failures())
              .bind("l", Timestamp.from(at))
              .bindByType(
                  "b", after.blockedUntil().map(Timestamp::from).orElse(null), Timestamp.class)
              .bind("s", store.value())
              .bind("src", source)
              .execute();
          return after;
        });
  }

  @Override
  public void clearAttempts(StoreId store, String source) {
    work.with(
        h ->
            h.createUpdate(
                    "DELETE FROM gift_card_code_attempts WHERE store_id = :s AND source = :src")
                .bind("s", store.value())
                .bind("src", source)
                .execute());
  }
}
