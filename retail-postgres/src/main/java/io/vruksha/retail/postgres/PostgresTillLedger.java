package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillFlag;
import io.vruksha.retail.sync.TillLedger;
import io.vruksha.retail.sync.TillPosition;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;

/**
 * {@link TillLedger} on PostgreSQL ({@code till_positions}, {@code till_journal}, {@code
 * till_flags}, V23). {@link #position} locks the till's row ({@code SELECT ... FOR UPDATE}, made on
 * the till's first batch) until the transaction ends, so two batches of one till are taken one
 * after the other. Thread-safe.
 */
public final class PostgresTillLedger implements TillLedger, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The till ledger of {@code db}. */
  public PostgresTillLedger(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public TillPosition position(StoreId store, String till) {
    return work.with(
        h -> {
          h.createUpdate("INSERT INTO till_positions VALUES (:s, :t, 0, :g) ON CONFLICT DO NOTHING")
              .bind("s", store.value())
              .bind("t", till)
              .bind("g", TillPosition.START.lastHash())
              .execute();
          return h.createQuery(
                  "SELECT accepted_up_to, last_hash FROM till_positions"
                      + " WHERE store_id = :s AND till = :t FOR UPDATE")
              .bind("s", store.value())
              .bind("t", till)
              .map((rs, ctx) -> new TillPosition(rs.getLong(1), rs.getString(2)))
              .one();
        });
  }

  @Override
  public void accept(StoreId store, String till, FiscalDocument d) {
    work.with(
        h -> {
          h.createUpdate("INSERT INTO till_positions VALUES (:s, :t, 0, :g) ON CONFLICT DO NOTHING")
              .bind("s", store.value())
              .bind("t", till)
              .bind("g", TillPosition.START.lastHash())
              .execute();
          int moved =
              h.createUpdate(
                      "UPDATE till_positions SET accepted_up_to = :q, last_hash = :hash"
                          + " WHERE store_id = :s AND till = :t AND accepted_up_to = :q - 1"
                          + " AND last_hash = :previous")
                  .bind("s", store.value())
                  .bind("t", till)
                  .bind("q", d.sequence())
                  .bind("hash", d.hash())
                  .bind("previous", d.previousHash())
                  .execute();
          if (moved != 1) {
            throw new IllegalStateException(
                "till "
                    + till
                    + " entry "
                    + d.sequence()
                    + " does not follow the centre's position of the till");
          }
          h.createUpdate(
                  "INSERT INTO till_journal VALUES (:s, :t, :q, :kind, :number, :at, :total, :tax,"
                      + " :currency, :content, :previous, :hash)")
              .bind("s", store.value())
              .bind("t", till)
              .bind("q", d.sequence())
              .bind("kind", d.kind().name())
              .bind("number", d.number())
              .bind("at", Timestamp.from(d.issuedAt()))
              .bind("total", d.total().amount())
              .bind("tax", d.tax().amount())
              .bind("currency", d.total().currency().getCurrencyCode())
              .bind("content", d.content())
              .bind("previous", d.previousHash())
              .bind("hash", d.hash())
              .execute();
          return null;
        });
  }

  @Override
  public List<FiscalDocument> entries(StoreId store, String till) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM till_journal WHERE store_id = :s AND till = :t ORDER BY sequence")
                .bind("s", store.value())
                .bind("t", till)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public List<String> tills(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT till FROM till_positions WHERE store_id = :s AND accepted_up_to > 0"
                        + " ORDER BY till")
                .bind("s", store.value())
                .mapTo(String.class)
                .list());
  }

  @Override
  public void flag(TillFlag f) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO till_flags (store_id, till, sequence, document, kind, subject,"
                        + " figure) VALUES (:s, :t, :q, :document, :kind, :subject, :figure)")
                .bind("s", f.store().value())
                .bind("t", f.till())
                .bind("q", f.sequence())
                .bind("document", f.document())
                .bind("kind", f.kind().name())
                .bind("subject", f.subject())
                .bind("figure", f.figure())
                .execute());
  }

  @Override
  public List<TillFlag> flags(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM till_flags WHERE store_id = :s ORDER BY flag_id")
                .bind("s", store.value())
                .map(
                    (rs, ctx) ->
                        new TillFlag(
                            StoreId.of(rs.getString("store_id")),
                            rs.getString("till"),
                            rs.getLong("sequence"),
                            rs.getString("document"),
                            TillFlag.Kind.valueOf(rs.getString("kind")),
                            rs.getString("subject"),
                            rs.getString("figure")))
                .list());
  }

  private static FiscalDocument entry(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    return new FiscalDocument(
        rs.getLong("sequence"),
        StoreId.of(rs.getString("store_id")),
        DocumentKind.valueOf(rs.getString("kind")),
        rs.getString("number"),
        rs.getTimestamp("issued_at").toInstant(),
        PostgresJournal.money(rs.getBigDecimal("total"), currency),
        PostgresJournal.money(rs.getBigDecimal("tax"), currency),
        rs.getString("content"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
