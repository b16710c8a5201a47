package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@link Journal} on PostgreSQL. {@link #last} locks the store's journal head ({@code SELECT ...
 * FOR UPDATE}) inside the issuing transaction, so documents of one store are appended one after the
 * other and the chain stays linear however many tills issue at once. Thread-safe.
 */
public final class PostgresJournal implements Journal, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The journal of {@code db}. */
  public PostgresJournal(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<FiscalDocument> last(StoreId store) {
    return work.with(
        h -> {
          Head head = head(h, store);
          if (head.sequence() == 0) {
            return Optional.empty();
          }
          // by its whole key: the sequence comes from the head, so even a generic plan made while
          // the journal was small finds the entry by the primary key
          return h.createQuery("SELECT * FROM fiscal_journal WHERE store_id = :s AND sequence = :q")
              .bind("s", store.value())
              .bind("q", head.sequence())
              .map((rs, ctx) -> read(rs))
              .findOne();
        });
  }

  /**
   * Locks the store's journal head ({@code SELECT ... FOR UPDATE}) and answers from its own row:
   * one primary-key lookup, whatever the size of the journal. The row is made on a store's first
   * document.
   */
  @Override
  public Head head(StoreId store) {
    return work.withTables(Set.of("journal_heads"), h -> head(h, store));
  }

  private static Head head(Handle h, StoreId store) {
    Optional<Head> head = lockHead(h, store);
    if (head.isEmpty()) {
      h.createUpdate("INSERT INTO journal_heads VALUES (:s, 0, :g) ON CONFLICT DO NOTHING")
          .bind("s", store.value())
          .bind("g", GENESIS)
          .execute();
      head = lockHead(h, store);
    }
    return head.orElseThrow();
  }

  /** Locks a store's head row (a checkout's statement; its plan is pinned by HotPathPlansIT). */
  static final String LOCK_HEAD =
      "SELECT last_sequence, last_hash FROM journal_heads WHERE store_id = :s FOR UPDATE";

  private static Optional<Head> lockHead(Handle h, StoreId store) {
    return h.createQuery(LOCK_HEAD)
        .bind("s", store.value())
        .map((rs, ctx) -> new Head(rs.getLong("last_sequence"), rs.getString("last_hash")))
        .findOne();
  }

  @Override
  public void append(FiscalDocument d) {
    // both sent with the unit of work's other writes (PostgresUnitOfWork.defer); the head stays
    // locked by head() until the transaction ends, and a second append in the same unit of work
    // reads the head after these are sent
    work.defer(
        "INSERT INTO fiscal_journal VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.store().value(),
        d.sequence(),
        d.kind().name(),
        d.number(),
        Timestamp.from(d.issuedAt()),
        d.total().amount(),
        d.tax().amount(),
        d.total().currency().getCurrencyCode(),
        d.content(),
        d.previousHash(),
        d.hash());
    work.defer(
        "INSERT INTO journal_heads VALUES (?, ?, ?) ON CONFLICT (store_id)"
            + " DO UPDATE SET last_sequence = EXCLUDED.last_sequence, last_hash = EXCLUDED.last_hash",
        d.store().value(),
        d.sequence(),
        d.hash());
  }

  @Override
  public List<FiscalDocument> entries(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM fiscal_journal WHERE store_id = :s ORDER BY sequence")
                .bind("s", store.value())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private static FiscalDocument read(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    return new FiscalDocument(
        rs.getLong("sequence"),
        StoreId.of(rs.getString("store_id")),
        DocumentKind.valueOf(rs.getString("kind")),
        rs.getString("number"),
        rs.getTimestamp("issued_at").toInstant(),
        money(rs.getBigDecimal("total"), currency),
        money(rs.getBigDecimal("tax"), currency),
        rs.getString("content"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  static Money money(BigDecimal stored, Currency currency) {
    return Money.of(
        stored.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
