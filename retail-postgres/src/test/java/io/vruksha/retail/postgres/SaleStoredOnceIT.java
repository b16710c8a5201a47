package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sale's facts are stored once, in its row of {@code pos_transactions}: its journal entry and its
 * paid invoice refer to it, and read back exactly as they were made.
 */
class SaleStoredOnceIT {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00.123456789Z");

  private static RetailEngine engine(PostgresDatabase db) {
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    return engine;
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** TEE-M, MUG and COFFEE paid in cash: the checkout of benchmarks' sqlfloor. */
  private static Sale threeLines(RetailEngine engine, String key, Instant at) {
    return engine.checkout(
        CheckoutRequest.of(
            key,
            BasketRequest.builder(DemoStore.ID)
                .at(at)
                .add("TEE-M", 1)
                .add("MUG", 1)
                .add("COFFEE", 1)
                .build(),
            new Tender.Cash(eur("100.00"))),
        Actor.cashier("anna"));
  }

  private static String text(PostgresDatabase db, String sql, Object... args) {
    return db.jdbi()
        .withHandle(
            h -> {
              var q = h.createQuery(sql);
              for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
              }
              return q.mapTo(String.class).findOne().orElse(null);
            });
  }

  private static void sql(PostgresDatabase db, String statement) {
    db.jdbi().useHandle(h -> h.execute(statement));
  }

  @Test
  void aCheckoutStoresTheSaleOnceAndReadsBackAsItWasMade() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale sale = threeLines(engine, "till-1:0001", NOON);

    // the journal entry has no content of its own: it names the sale
    assertThat(
            text(
                db,
                "SELECT coalesce(content, '(none)') || ' ' || sale_id FROM fiscal_journal"
                    + " WHERE number = ?",
                sale.number()))
        .isEqualTo("(none) " + sale.id());
    // the invoice is its columns only, and the payments are the sale's tenders
    assertThat(
            text(
                db,
                "SELECT coalesce(document::text, '(none)') FROM invoice_rows WHERE number = ?",
                sale.number()))
        .isEqualTo("(none)");
    assertThat(text(db, "SELECT count(*)::text FROM payment_rows")).isEqualTo("0");
    assertThat(
            text(
                db,
                "SELECT string_agg(line || ' ' || method || ' ' || amount || ' ' || currency, ';')"
                    + " FROM payments WHERE invoice_number = ?",
                sale.number()))
        .isEqualTo("1 CASH 31.4700 EUR");

    // the content rebuilt is what was hashed: 19.99 + 4.99 + 6.49 = 31.47, tax 3.19 + 0.80 + 0.42
    FiscalDocument entry = engine.journal().entries(DemoStore.ID).get(0);
    assertThat(entry.content())
        .isEqualTo(
            "1|demo|INVOICE|"
                + sale.number()
                + "|2026-11-24T11:00:00.123456Z|31.47 EUR|4.41 EUR\n"
                + "L|TEE-M|1|19.99 EUR|3.19 EUR\n"
                + "L|MUG|1|4.99 EUR|0.80 EUR\n"
                + "L|COFFEE|1|6.49 EUR|0.42 EUR\n"
                + "T|CASH|31.47 EUR\n");
    assertThat(entry.hash()).isEqualTo(sale.journalHash());
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
    Invoice invoice = engine.billing().invoices().find(DemoStore.ID, sale.number()).orElseThrow();
    assertThat(invoice).isEqualTo(Checkout.paidInvoice(sale));
    assertThat(engine.billing().invoices().forSale(sale.id())).contains(invoice);
    assertThat(engine.billing().invoices().list(DemoStore.ID)).containsExactly(invoice);
    assertThat(
            FiscalRecords.verify(
                engine.journal().entries(DemoStore.ID),
                engine.billing().invoices().list(DemoStore.ID),
                engine.sales().list(DemoStore.ID)))
        .isEmpty();
  }

  @Test
  void whatOneThreeLineCheckoutStoresIsMeasured() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale sale = threeLines(engine, "till-1:0001", NOON);
    Map<String, Long> stored = sizes(db, sale);
    // the old shape of the same facts: the invoice with its document, a payment row, the content
    long before =
        Long.parseLong(
            text(
                db,
                "SELECT (SELECT sum(pg_column_size(i.*)) FROM invoices i WHERE number = ?)"
                    + " + (SELECT sum(pg_column_size(p.*)) FROM payments p WHERE invoice_number = ?)"
                    + " + (SELECT sum(pg_column_size(j.*)) + pg_column_size(?::text)"
                    + " FROM fiscal_journal j WHERE number = ?)",
                sale.number(),
                sale.number(),
                engine.journal().entries(DemoStore.ID).get(0).content(),
                sale.number()));
    long after = stored.get("invoice_rows") + stored.get("fiscal_journal");
    System.out.println(
        "one 3-line checkout stores "
            + stored
            + "; invoice, payment and journal entry: "
            + before
            + " bytes in the old shape, "
            + after
            + " now");
    assertThat(stored.get("payment_rows")).isZero();
    // the invoice row and the journal entry hold no document: a few columns and two hashes each
    assertThat(after).isLessThan(400).isLessThan(before / 3);
  }

  /** The bytes ({@code pg_column_size} of each row) a sale's rows take, by table. */
  private static Map<String, Long> sizes(PostgresDatabase db, Sale sale) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT 'pos_transactions' AS t, coalesce(sum(pg_column_size(x.*)), 0) AS b"
                            + " FROM pos_transactions x WHERE sale_id = :id"
                            + " UNION ALL SELECT 'invoice_rows', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM invoice_rows x WHERE sale_id = :id"
                            + " UNION ALL SELECT 'payment_rows', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM payment_rows x WHERE invoice_number = :n"
                            + " UNION ALL SELECT 'fiscal_journal', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM fiscal_journal x WHERE number = :n"
                            + " UNION ALL SELECT 'stock_movements', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM stock_movements x WHERE reference = :id"
                            + " UNION ALL SELECT 'idempotency_keys', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM idempotency_keys x WHERE result_id = :id"
                            + " UNION ALL SELECT 'outbox', coalesce(sum(pg_column_size(x.*)), 0)"
                            + " FROM outbox x WHERE x.events @> jsonb_build_array("
                            + " jsonb_build_object('correlation', CAST(:id AS text)))")
                    .bind("id", sale.id())
                    .bind("n", sale.number())
                    .reduceRows(
                        new LinkedHashMap<String, Long>(),
                        (m, row) -> {
                          m.put(row.getColumn("t", String.class), row.getColumn("b", Long.class));
                          return m;
                        }));
  }

  @Test
  void aSaleAlteredBySqlBreaksItsJournalEntryAndItsInvoiceKeepsWhatItSaid() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale first = threeLines(engine, "till-1:0001", NOON);
    Sale second = threeLines(engine, "till-1:0002", NOON.plusSeconds(60));
    Invoice invoice = Checkout.paidInvoice(first);

    sql(
        db,
        "UPDATE pos_transactions SET document = jsonb_set(document, '{basket,lines,0,quantity,value}',"
            + " '2') WHERE sale_id = '"
            + first.id()
            + "'");

    List<FiscalDocument> entries = engine.journal().entries(DemoStore.ID);
    assertThat(FiscalJournal.verify(entries))
        .containsExactly(
            "entry 1 (" + first.number() + ") was altered: its hash does not match its content");
    assertThat(
            FiscalRecords.verify(
                entries,
                engine.billing().invoices().list(DemoStore.ID),
                engine.sales().list(DemoStore.ID)))
        .containsExactly(
            "sale "
                + first.number()
                + " was altered: its lines or tenders are not those of journal entry 1");
    // the invoice was stored whole before the sale changed: it still says what was sold
    assertThat(engine.billing().invoices().find(DemoStore.ID, first.number())).contains(invoice);
    assertThat(
            text(
                db,
                "SELECT method || ' ' || amount FROM payment_rows WHERE invoice_number = ?",
                first.number()))
        .isEqualTo("CASH 31.4700");
    assertThat(engine.billing().invoices().find(DemoStore.ID, second.number()))
        .contains(Checkout.paidInvoice(second));
  }

  @Test
  void aJournalEntryWhoseTotalOrHashWasAlteredIsNamed() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale first = threeLines(engine, "till-1:0001", NOON);
    Sale second = threeLines(engine, "till-1:0002", NOON.plusSeconds(60));
    sql(db, "UPDATE fiscal_journal SET total = 9.99 WHERE number = '" + first.number() + "'");
    sql(
        db,
        "UPDATE fiscal_journal SET hash = repeat('0', 64) WHERE number = '"
            + second.number()
            + "'");
    assertThat(engine.journal().verify(DemoStore.ID))
        .containsExactly(
            "entry 1 (" + first.number() + ") was altered: its hash does not match its content",
            "entry 2 (" + second.number() + ") was altered: its hash does not match its content");
  }

  @Test
  void aDeletedSaleLeavesItsJournalEntryNamedAndItsInvoiceWhole() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale sale = threeLines(engine, "till-1:0001", NOON);
    sql(db, "DELETE FROM pos_transactions WHERE sale_id = '" + sale.id() + "'");
    List<FiscalDocument> entries = engine.journal().entries(DemoStore.ID);
    assertThat(FiscalJournal.verify(entries))
        .containsExactly(
            "entry 1 (" + sale.number() + ") was altered: its hash does not match its content");
    assertThat(
            FiscalRecords.verify(
                entries, engine.billing().invoices().list(DemoStore.ID), List.of()))
        .containsExactly(
            "invoice " + sale.number() + " is for sale " + sale.id() + ", which was deleted");
  }

  @Test
  void aCreditedInvoiceIsStoredWholeAndItsPaymentsStayOnce() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = engine(db);
    Sale sale = threeLines(engine, "till-1:0001", NOON);
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(1, BigDecimal.ONE, true))
            .at(NOON.plusSeconds(60)),
        Actor.supervisor("sam"));
    Invoice credited = engine.billing().invoices().find(DemoStore.ID, sale.number()).orElseThrow();
    assertThat(credited.credited()).isEqualTo(eur("4.99"));
    assertThat(
            text(
                db,
                "SELECT string_agg(method || ' ' || amount, ';') FROM payments"
                    + " WHERE invoice_number = ?",
                sale.number()))
        .isEqualTo("CASH 31.4700");
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }

  @Test
  void theApplicationRoleReadsItsOwnStoresInvoicesAndPaymentsThroughTheViewsAndNoOthers() {
    PostgresDatabase owner = TestDatabase.fresh();
    engine(owner);
    try (PostgresDatabase app = TestDatabase.appPool()) {
      RetailEngine engine = PostgresAdapters.use(app, DemoStore.engineBuilder()).build();
      PostgresUnitOfWork work = app.unitOfWork();
      Set<StoreId> demo = Set.of(DemoStore.ID);
      Set<StoreId> other = Set.of(StoreId.of("other"));
      Sale sale = work.within(demo, () -> threeLines(engine, "till-1:0001", NOON));

      assertThat(
              work.within(
                  demo, () -> engine.billing().invoices().find(DemoStore.ID, sale.number())))
          .contains(Checkout.paidInvoice(sale));
      List<String> mine = work.within(demo, () -> payments(work, sale.number()));
      assertThat(mine).containsExactly("CASH 31.4700");
      assertThat(work.within(demo, () -> engine.journal().verify(DemoStore.ID))).isEmpty();
      // another store's scope sees neither the invoice nor its derived payment
      assertThat(work.within(other, () -> engine.billing().invoices().list(DemoStore.ID)))
          .isEmpty();
      List<String> theirs = work.within(other, () -> payments(work, sale.number()));
      assertThat(theirs).isEmpty();
    }
  }

  private static List<String> payments(PostgresUnitOfWork work, String number) {
    return work.with(
        h ->
            h.createQuery("SELECT method || ' ' || amount FROM payments WHERE invoice_number = :n")
                .bind("n", number)
                .mapTo(String.class)
                .list());
  }
}
