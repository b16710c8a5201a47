package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * {@link Journal} on PostgreSQL. {@link #last} locks the store's journal head ({@code SELECT ...
 * FOR UPDATE}) inside the issuing transaction, so documents of one store are appended one after the
 * other and the chain stays linear however many tills issue at once. Thread-safe.
 *
 * <p>A sale's entry stores no content: its row names the sale ({@code sale_id}), and the content is
 * rebuilt from the entry's columns and the sale's lines and tenders ({@link FiscalJournal#content},
 * {@link FiscalRecords#saleBody}) exactly as it was hashed. An entry whose sale no longer rebuilds
 * the hashed content (the sale's row altered or deleted) reads with its heading line only, so
 * {@link FiscalJournal#verify} names it and {@link FiscalRecords} names the sale. The entry is
 * stored that way only when {@link PostgresSales} saves the sale in the unit of work that appended
 * it, while the entry is still held back, and its lines and tenders are those of the content; any
 * other entry keeps its content.
 */
public final class PostgresJournal implements Journal, JoinsUnitOfWork {

  /** The sale entries appended in the running transaction, by store and number: their arguments. */
  private static final Object SALE_ENTRIES = new Object();

  /** Where an entry's content and its sale's id sit in its held-back {@code INSERT}. */
  private static final int CONTENT = 8;

  private static final int SALE_ID = 11;

  /** An entry with the content rebuilt from its sale, if it has one (see {@link #read}). */
  private static final String ENTRY =
      "SELECT j.*, p.document::text AS sale FROM fiscal_journal j"
          + " LEFT JOIN pos_transactions p ON j.content IS NULL AND p.sale_id = j.sale_id";

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
          return h.createQuery(ENTRY + " WHERE j.store_id = :s AND j.sequence = :q")
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
    Object[] entry = {
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
      d.hash(),
      null
    };
    work.defer("INSERT INTO fiscal_journal VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry);
    if (d.kind() == DocumentKind.INVOICE && work.inTransaction()) {
      saleEntries(work).put(key(d.store().value(), d.number()), entry);
    }
    work.defer(
        "INSERT INTO journal_heads VALUES (?, ?, ?) ON CONFLICT (store_id)"
            + " DO UPDATE SET last_sequence = EXCLUDED.last_sequence, last_hash = EXCLUDED.last_hash",
        d.store().value(),
        d.sequence(),
        d.hash());
  }

  /**
   * Makes the journal entry of {@code sale}, appended in this unit of work and still held back,
   * refer to the sale instead of holding its content, when the content's lines and tenders are the
   * sale's: the content is then rebuilt from the sale byte for byte. Called by {@link
   * PostgresSales#save} as it saves the sale.
   */
  static void referToSale(PostgresUnitOfWork work, Sale sale) {
    if (!work.inTransaction()) {
      return;
    }
    Object[] entry = saleEntries(work).remove(key(sale.store().value(), sale.number()));
    if (entry == null || !work.holds(entry)) {
      return;
    }
    String content = (String) entry[CONTENT];
    int nl = content.indexOf('\n');
    if (nl >= 0
        && content
            .substring(nl + 1)
            .equals(FiscalRecords.saleBody(sale.basket(), sale.tenders()))) {
      entry[CONTENT] = null;
      entry[SALE_ID] = sale.id();
    }
  }

  private static Map<String, Object[]> saleEntries(PostgresUnitOfWork work) {
    return work.transactionLocal(SALE_ENTRIES, HashMap::new);
  }

  private static String key(String store, String number) {
    return store + '\n' + number;
  }

  @Override
  public List<FiscalDocument> entries(StoreId store) {
    return work.with(
        h ->
            h.createQuery(ENTRY + " WHERE j.store_id = :s ORDER BY j.sequence")
                .bind("s", store.value())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /**
   * An entry from a row of {@code fiscal_journal} or {@code till_journal} and, for an entry with no
   * content, its sale's document in column {@code sale}.
   */
  static FiscalDocument read(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    long sequence = rs.getLong("sequence");
    StoreId store = StoreId.of(rs.getString("store_id"));
    DocumentKind kind = DocumentKind.valueOf(rs.getString("kind"));
    String number = rs.getString("number");
    Instant at = rs.getTimestamp("issued_at").toInstant();
    Money total = money(rs.getBigDecimal("total"), currency);
    Money tax = money(rs.getBigDecimal("tax"), currency);
    String previous = rs.getString("previous_hash");
    String hash = rs.getString("hash");
    String content = rs.getString("content");
    if (content == null) {
      String heading = FiscalJournal.content(sequence, store, kind, number, at, total, tax, "");
      content = rebuilt(heading, rs.getString("sale"), previous, hash);
    }
    return new FiscalDocument(
        sequence, store, kind, number, at, total, tax, content, previous, hash);
  }

  /**
   * A sale entry's content: its heading and the sale's lines and tenders when that is what was
   * hashed; else the heading alone (the sale was altered or deleted), which no sale's lines match.
   */
  private static String rebuilt(String heading, String saleDocument, String previous, String hash) {
    if (saleDocument == null) {
      return heading;
    }
    Sale sale = DocumentJson.read(saleDocument, Sale.class);
    String content = heading + FiscalRecords.saleBody(sale.basket(), sale.tenders());
    return FiscalJournal.hash(previous, content).equals(hash) ? content : heading;
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
