package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillFlag;
import io.vruksha.retail.sync.TillLedger;
import io.vruksha.retail.sync.TillPosition;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.Timestamp;
import java.util.List;

/**
 * {@link TillLedger} on PostgreSQL ({@code till_positions}, {@code till_journal}, {@code
 * till_flags}, V23). {@link #position} locks the till's row ({@code SELECT ... FOR UPDATE}, made on
 * the till's first batch) until the transaction ends, so two batches of one till are taken one
 * after the other. A till's sale entry accepted in the unit of work that saved the sale names the
 * sale instead of holding its content, as the centre's journal does ({@link PostgresJournal}).
 * Thread-safe.
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
    Sale sale = saleOf(d);
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
                      + " :currency, :content, :previous, :hash, :sale)")
              .bind("s", store.value())
              .bind("t", till)
              .bind("q", d.sequence())
              .bind("kind", d.kind().name())
              .bind("number", d.number())
              .bind("at", Timestamp.from(d.issuedAt()))
              .bind("total", d.total().amount())
              .bind("tax", d.tax().amount())
              .bind("currency", d.total().currency().getCurrencyCode())
              .bind("content", sale == null ? d.content() : null)
              .bind("previous", d.previousHash())
              .bind("hash", d.hash())
              .bind("sale", sale == null ? null : sale.id())
              .execute();
          return null;
        });
  }

  @Override
  public List<FiscalDocument> entries(StoreId store, String till) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT j.*, p.document::text AS sale FROM till_journal j"
                        + " LEFT JOIN pos_transactions p ON j.content IS NULL AND p.sale_id = j.sale_id"
                        + " WHERE j.store_id = :s AND j.till = :t ORDER BY j.sequence")
                .bind("s", store.value())
                .bind("t", till)
                .map((rs, ctx) -> PostgresJournal.read(rs))
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

  /**
   * The sale saved in this unit of work whose till entry {@code d} is, when the entry's lines and
   * tenders are the sale's: the entry then refers to the sale instead of holding its content, and
   * is read back with the content rebuilt from it ({@link PostgresJournal#read}).
   */
  private Sale saleOf(FiscalDocument d) {
    if (d.kind() != DocumentKind.INVOICE || !work.inTransaction()) {
      return null;
    }
    for (Sale s : PostgresSales.savedSales(work).values()) {
      if (s.journalHash().equals(d.hash())
          && s.number().equals(d.number())
          && FiscalJournal.body(d).equals(FiscalRecords.saleBody(s.basket(), s.tenders()))) {
        return s;
      }
    }
    return null;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
