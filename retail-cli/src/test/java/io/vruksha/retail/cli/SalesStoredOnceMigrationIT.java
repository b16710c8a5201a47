package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.sale.FiscalRecords;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database whose sales were stored before version 26 (each sale's invoice document, payment rows
 * and journal content written out in full) is migrated, then verified and reconciled: the same
 * answers, read through the same adapters, as the day written in the new shape.
 */
class SalesStoredOnceMigrationIT {

  private final List<Runnable> cleanup = new ArrayList<>();

  @AfterEach
  void dropTheOldDatabase() {
    cleanup.forEach(Runnable::run);
  }

  /** A database at version 25 (the last before V26) holding {@code day} as it stored it then. */
  private PostgresDatabase oldShapeOf(SeededDay day) throws SQLException {
    PostgresConfig config = day.db.config();
    String name = "vruksha_v25_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    day.db.jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
    PostgresConfig old = config.withDatabase(name);
    cleanup.add(
        () ->
            day.db
                .jdbi()
                .useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    Flyway.configure()
        .dataSource(old.jdbcUrl(), old.user(), old.password())
        .target("25")
        .load()
        .migrate();
    try (Connection from = connect(config);
        Connection to = connect(old)) {
      to.setAutoCommit(false);
      try (Statement s = to.createStatement()) {
        // rows as they were, in any order: no foreign key waits for its row
        s.execute("SET session_replication_role = replica");
      }
      for (String table : tables(to)) {
        if (!table.equals("fiscal_journal")) {
          copy(from, to, table);
        }
      }
      // the journal as version 25 stored it: every entry with its content
      try (PreparedStatement insert =
          to.prepareStatement(
              "INSERT INTO fiscal_journal VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (FiscalDocument d : day.engine.journal().entries(DemoStore.ID)) {
          insert.setString(1, d.store().value());
          insert.setLong(2, d.sequence());
          insert.setString(3, d.kind().name());
          insert.setString(4, d.number());
          insert.setTimestamp(5, Timestamp.from(d.issuedAt()));
          insert.setBigDecimal(6, d.total().amount());
          insert.setBigDecimal(7, d.tax().amount());
          insert.setString(8, d.total().currency().getCurrencyCode());
          insert.setString(9, d.content());
          insert.setString(10, d.previousHash());
          insert.setString(11, d.hash());
          insert.executeUpdate();
        }
      }
      to.commit();
    }
    return PostgresDatabase.connect(old);
  }

  private static Connection connect(PostgresConfig c) throws SQLException {
    return DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /** Copies {@code table}'s rows (the columns both have; invoices and payments through views). */
  private static void copy(Connection from, Connection to, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement q =
        to.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = ? ORDER BY ordinal_position")) {
      q.setString(1, table);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    String list = String.join(", ", columns);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    try (Statement read = from.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
        PreparedStatement write =
            to.prepareStatement(
                "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
      while (rs.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          write.setObject(i, rs.getObject(i));
        }
        write.addBatch();
      }
      write.executeBatch();
    }
  }

  private static List<String> column(PostgresDatabase db, String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  private static RetailEngine engine(PostgresDatabase db) {
    return PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
  }

  private static List<String> records(RetailEngine engine) {
    return FiscalRecords.verify(
        engine.journal().entries(DemoStore.ID),
        engine.billing().invoices().list(DemoStore.ID),
        engine.sales().list(DemoStore.ID));
  }

  private static CliRun reconcileSales(PostgresDatabase db) {
    return CliRun.run(
        CliRun.env(db),
        "reconcile",
        "sales",
        "--store",
        "demo",
        "--from",
        SeededDay.DAY,
        "--to",
        LocalDate.now(ZoneId.of("Europe/Berlin")).toString(),
        "--format",
        "csv");
  }

  @Test
  void aDayStoredBeforeVersion26MigratesVerifiesAndReconcilesAsOneStoredAfter() throws Exception {
    SeededDay day = new SeededDay();
    PostgresDatabase old = oldShapeOf(day);
    // the old shape: three sales' journal contents, three invoice documents, three payment rows
    assertThat(column(old, "SELECT count(*)::text FROM fiscal_journal WHERE content IS NULL"))
        .containsExactly("0");
    assertThat(column(old, "SELECT count(*)::text FROM payments"))
        .isEqualTo(column(day.db, "SELECT count(*)::text FROM payments"))
        .isNotEqualTo(List.of("0"));

    assertThat(old.migrate()).isPositive();

    // each sale's entry and its unchanged invoice now refer to the sale; the invoice the return
    // credited keeps its document and payment row
    assertThat(column(old, "SELECT number FROM fiscal_journal WHERE content IS NULL ORDER BY 1"))
        .containsExactlyElementsOf(day.sales.stream().map(s -> s.number()).sorted().toList());
    assertThat(column(old, "SELECT count(*)::text FROM invoice_rows WHERE document IS NULL"))
        .containsExactly("2");
    assertThat(column(old, "SELECT DISTINCT invoice_number FROM payment_rows"))
        .containsExactly(invoiceOfReturn(day));

    RetailEngine migrated = engine(old);
    assertThat(migrated.journal().entries(DemoStore.ID))
        .isEqualTo(day.engine.journal().entries(DemoStore.ID));
    assertThat(migrated.billing().invoices().list(DemoStore.ID))
        .isEqualTo(day.engine.billing().invoices().list(DemoStore.ID));
    assertThat(migrated.sales().list(DemoStore.ID))
        .isEqualTo(day.engine.sales().list(DemoStore.ID));
    assertThat(
            column(
                old,
                "SELECT invoice_number || ' ' || line || ' ' || method || ' ' || amount"
                    + " FROM payments ORDER BY 1"))
        .isEqualTo(
            column(
                day.db,
                "SELECT invoice_number || ' ' || line || ' ' || method || ' '"
                    + " || amount FROM payments ORDER BY 1"));
    assertThat(records(migrated)).isEmpty();

    CliRun verify = CliRun.run(CliRun.env(old), "journal", "verify", "--store", "demo");
    assertThat(verify.code()).as(verify.toString()).isEqualTo(Retail.OK);
    assertThat(verify.out()).contains("journal of demo verified: 5 documents");
    CliRun sales = reconcileSales(old);
    assertThat(sales.code()).as(sales.toString()).isZero();
    assertThat(sales.row("scope", "day"))
        .containsEntry("sales", "3")
        .containsEntry("sales_total", "61.13")
        .containsEntry("invoices_total", "61.13")
        .containsEntry("payments_total", "61.13")
        .containsEntry("status", "OK");
    // and the day written in the new shape answers the same
    CliRun fresh = reconcileSales(day.db);
    assertThat(fresh.csv()).isEqualTo(sales.csv());
  }

  private static String invoiceOfReturn(SeededDay day) {
    return day.sales.stream()
        .filter(s -> s.id().equals(day.back.saleId()))
        .findFirst()
        .orElseThrow()
        .number();
  }

  @Test
  void aSaleAlteredBeforeTheMigrationKeepsItsJournalContentAndStillShows() throws Exception {
    SeededDay day = new SeededDay();
    PostgresDatabase old = oldShapeOf(day);
    String number = day.sales.get(1).number();
    old.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE pos_transactions SET document = jsonb_set(document,"
                        + " '{basket,lines,0,quantity,value}', '3') WHERE number = '"
                        + number
                        + "'"));
    String altered =
        "sale " + number + " was altered: its lines or tenders are not those of journal entry 2";

    old.migrate();

    // the altered sale's entry keeps its content: the journal still verifies, the sale still shows
    assertThat(column(old, "SELECT number FROM fiscal_journal WHERE content IS NOT NULL"))
        .contains(number);
    assertThat(engine(old).journal().verify(DemoStore.ID)).isEmpty();
    assertThat(records(engine(old))).containsExactly(altered);
    CliRun verify = CliRun.run(CliRun.env(old), "journal", "verify", "--store", "demo");
    assertThat(verify.code()).as(verify.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(verify.out()).contains(altered);
  }
}
