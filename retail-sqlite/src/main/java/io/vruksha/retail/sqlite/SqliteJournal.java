package io.vruksha.retail.sqlite;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * {@link Journal} on SQLite. The store has one writer at a time ({@link SqliteUnitOfWork}), so the
 * head read inside the issuing unit of work stays the head until it commits and the chain stays
 * linear however many threads of the till issue at once. Thread-safe.
 */
public final class SqliteJournal implements Journal, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The journal of {@code db}. */
  public SqliteJournal(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Optional<FiscalDocument> last(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM fiscal_journal WHERE store_id = :s"
                        + " ORDER BY sequence DESC LIMIT 1")
                .bind("s", store.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  @Override
  public void append(FiscalDocument d) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO fiscal_journal VALUES"
                        + " (:s, :q, :kind, :number, :at, :total, :tax, :cur, :content, :prev, :hash)")
                .bind("s", d.store().value())
                .bind("q", d.sequence())
                .bind("kind", d.kind().name())
                .bind("number", d.number())
                .bind("at", SqliteValues.micros(d.issuedAt()))
                .bind("total", SqliteValues.decimal(d.total().amount()))
                .bind("tax", SqliteValues.decimal(d.tax().amount()))
                .bind("cur", d.total().currency().getCurrencyCode())
                .bind("content", d.content())
                .bind("prev", d.previousHash())
                .bind("hash", d.hash())
                .execute());
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
        SqliteValues.instant(rs.getLong("issued_at")),
        Money.of(SqliteValues.decimal(rs.getString("total")), currency),
        Money.of(SqliteValues.decimal(rs.getString("tax")), currency),
        rs.getString("content"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
