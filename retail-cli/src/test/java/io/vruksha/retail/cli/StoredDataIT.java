package io.vruksha.retail.cli;

import static io.vruksha.retail.cli.SeededDay.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored data a command cannot read is a failure (exit 3) naming the row or record, never a usage
 * error (exit 2); options take enum values in any case.
 */
class StoredDataIT {

  private static void sql(SeededDay day, String statement) {
    day.db.jdbi().useHandle(h -> h.execute(statement));
  }

  @Test
  void aSaleDocumentThatIsNoLongerValidMoneyFailsNamingTheSale() {
    SeededDay day = new SeededDay();
    String number = day.sales.get(1).number();
    sql(
        day,
        "UPDATE pos_transactions SET document = jsonb_set(document, '{basket,total,amount}',"
            + " '\"9.999\"') WHERE store_id = 'demo' AND number = '"
            + number
            + "'");

    CliRun r = CliRun.run(day.env(), "report", "tax", "--store", "demo", "--from", DAY);

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.FAILURE);
    assertThat(r.err())
        .contains("stored data of store demo cannot be read", "Sale (number " + number + ")")
        .contains("9.999 has more than 2 decimals for EUR");
  }

  @Test
  void anAnalyticsRowThatCannotBeReadFailsNamingItsDay() {
    SeededDay day = new SeededDay();
    sql(day, "UPDATE sales_analytics_daily SET currency = 'XYZ' WHERE store_id = 'demo'");

    CliRun r = CliRun.run(day.env(), "report", "daily-sales", "--store", "demo", "--from", DAY);

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.FAILURE);
    assertThat(r.err())
        .contains(
            "a stored sales_analytics_daily row (store demo, day " + DAY + ") cannot be read",
            "'XYZ' is not an ISO 4217 currency code");
  }

  @Test
  void anImportFileThatCannotBeParsedAtAllIsAFailureNotAUsageError(@TempDir Path dir)
      throws Exception {
    SeededDay day = new SeededDay();
    Path empty = Files.writeString(dir.resolve("empty.csv"), "\n\n");

    CliRun r = CliRun.run(day.env(), "import", "products", "--store", "demo", empty.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.FAILURE);
    assertThat(r.err()).contains(empty + ": the file is empty: a CSV import needs a header row");
  }

  @Test
  void enumOptionsTakeAnyCase() {
    SeededDay day = new SeededDay();
    CliRun r =
        CliRun.run(
            day.env(),
            "report",
            "daily-sales",
            "--store",
            "demo",
            "--from",
            DAY,
            "--format",
            "CSV");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.row("day", DAY)).containsEntry("sales", "3");
    CliRun json =
        CliRun.run(day.env(), "reconcile", "stock", "--store", "demo", "--format", "Json");
    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.out().strip()).startsWith("[");
  }
}
