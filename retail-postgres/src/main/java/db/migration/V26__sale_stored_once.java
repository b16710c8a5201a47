package db.migration;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Currency;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 26: a sale's facts are stored once. Runs {@code db/sale-stored-once/schema.sql}
 * (the journal's {@code sale_id}, the {@code invoices} and {@code payments} views, existing sales'
 * invoices reduced to their columns), then takes the content off existing sales' journal entries
 * where the content rebuilt from the sale is exactly the stored one. An entry whose sale no longer
 * rebuilds it (a row altered by hand) keeps its content, so the alteration still shows.
 */
public final class V26__sale_stored_once extends BaseJavaMigration {

  private static final String SCHEMA = "/db/sale-stored-once/schema.sql";

  /**
   * Sales' journal entries with their sales, matched by store and number (a till's sale carries its
   * till's hash, not the centre's): only an exact rebuild of the content counts.
   */
  private static final String SALE_ENTRIES =
      """
      SELECT j.*, p.sale_id AS sale_of, p.document::text AS sale
        FROM fiscal_journal j
        JOIN pos_transactions p ON p.store_id = j.store_id AND p.number = j.number
       WHERE j.kind = 'INVOICE' AND j.content IS NOT NULL
      """;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute(schema());
    }
    referToSales(c);
  }

  /** Takes the content off the journal's sale entries that their sales rebuild exactly. */
  private static void referToSales(Connection c) throws SQLException {
    try (Statement read = c.createStatement();
        PreparedStatement refer =
            c.prepareStatement(
                "UPDATE fiscal_journal SET content = NULL, sale_id = ?"
                    + " WHERE store_id = ? AND sequence = ?")) {
      read.setFetchSize(500);
      try (ResultSet rs = read.executeQuery(SALE_ENTRIES)) {
        int batched = 0;
        while (rs.next()) {
          if (rebuilds(rs)) {
            refer.setString(1, rs.getString("sale_of"));
            refer.setString(2, rs.getString("store_id"));
            refer.setLong(3, rs.getLong("sequence"));
            refer.addBatch();
            if (++batched == 500) {
              refer.executeBatch();
              batched = 0;
            }
          }
        }
        if (batched > 0) {
          refer.executeBatch();
        }
      }
    }
  }

  /** Whether the entry's sale rebuilds its content exactly; a sale that cannot be read does not. */
  private static boolean rebuilds(ResultSet rs) throws SQLException {
    try {
      return rebuilt(rs).equals(rs.getString("content"));
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** The entry's content as the journal rebuilds it from its columns and its sale. */
  private static String rebuilt(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    Sale sale = DocumentJson.read(rs.getString("sale"), Sale.class);
    return FiscalJournal.content(
        rs.getLong("sequence"),
        StoreId.of(rs.getString("store_id")),
        DocumentKind.valueOf(rs.getString("kind")),
        rs.getString("number"),
        rs.getTimestamp("issued_at").toInstant(),
        money(rs.getBigDecimal("total"), currency),
        money(rs.getBigDecimal("tax"), currency),
        FiscalRecords.saleBody(sale.basket(), sale.tenders()));
  }

  private static Money money(BigDecimal stored, Currency currency) {
    return Money.of(
        stored.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
  }

  private static String schema() {
    try (InputStream in = V26__sale_stored_once.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
