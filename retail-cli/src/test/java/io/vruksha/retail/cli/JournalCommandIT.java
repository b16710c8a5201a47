package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.invoicing.FiscalDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCommandIT {

  private static CliRun verify(SeededDay day) {
    return CliRun.run(day.env(), "journal", "verify", "--store", "demo");
  }

  /** Runs {@code statements} by hand, then verify: exit 1, and what it printed. */
  private static String broken(SeededDay day, String... statements) {
    sql(day, statements);
    CliRun r = verify(day);
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    return r.out();
  }

  private static List<FiscalDocument> entries(SeededDay day) {
    return day.engine.journal().entries(DemoStore.ID);
  }

  private static void sql(SeededDay day, String... statements) {
    day.db
        .jdbi()
        .useHandle(
            h -> {
              for (String s : statements) {
                h.execute(s);
              }
            });
  }

  @Test
  void anIntactJournalVerifies() {
    SeededDay day = new SeededDay();
    // three invoices, one credit note, one Z report
    assertThat(entries(day)).hasSize(5);
    CliRun r = verify(day);
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.OK);
    assertThat(r.out()).contains("journal of demo verified: 5 documents");
  }

  @Test
  void anAlteredAmountIsNamed() {
    SeededDay day = new SeededDay();
    FiscalDocument second = entries(day).get(1);
    assertThat(second.total()).isEqualTo(SeededDay.eur("19.99"));
    assertThat(
            broken(
                day,
                "UPDATE fiscal_journal SET total = 9.99 WHERE store_id = 'demo' AND sequence = 2"))
        .contains(
            "first broken link: entry 2 (" + second.number() + ") was altered",
            "journal of demo is broken: 5 documents");
  }

  @Test
  void aDeletedMiddleEntryIsNamed() {
    SeededDay day = new SeededDay();
    List<FiscalDocument> before = entries(day);
    sql(day, "DELETE FROM fiscal_journal WHERE store_id = 'demo' AND sequence = 3");
    CliRun r = verify(day);
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    // the entry after the gap no longer follows the one before it
    assertThat(r.out())
        .contains(
            "first broken link: entry 4 ("
                + before.get(3).number()
                + ") does not follow the entry before it: one was removed or moved",
            "entry 4 (" + before.get(3).number() + ") should be number 3 in the journal")
        .contains("4 documents");
  }

  @Test
  void twoSwappedEntriesAreNamed() {
    SeededDay day = new SeededDay();
    List<FiscalDocument> before = entries(day);
    sql(
        day,
        "UPDATE fiscal_journal SET sequence = 1000 WHERE store_id = 'demo' AND sequence = 2",
        "UPDATE fiscal_journal SET sequence = 2 WHERE store_id = 'demo' AND sequence = 3",
        "UPDATE fiscal_journal SET sequence = 3 WHERE store_id = 'demo' AND sequence = 1000");
    CliRun r = verify(day);
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.DISCREPANCIES);
    // the third document now stands second: its content (which names its place) no longer matches
    assertThat(r.out())
        .contains("first broken link: entry 2 (" + before.get(2).number() + ") was altered")
        .contains("entry 3 (" + before.get(1).number() + ")");
  }

  @Test
  void aRemovedLastEntryIsCaughtByTheHead() {
    SeededDay day = new SeededDay();
    List<FiscalDocument> before = entries(day);
    assertThat(broken(day, "DELETE FROM fiscal_journal WHERE store_id = 'demo' AND sequence = 5"))
        .contains(
            "the journal head says the last entry is number 5",
            "the last stored entry is number 4 (" + before.get(3).number() + ")");
  }

  @Test
  void anInvoiceWhoseDocumentWasAlteredIsNamed() {
    SeededDay day = new SeededDay();
    String number = day.sales.get(1).number();
    assertThat(
            broken(
                day,
                "UPDATE invoices SET document = jsonb_set(document, '{total,amount}', '9.99')"
                    + " WHERE store_id = 'demo' AND number = '"
                    + number
                    + "'"))
        .contains(
            "first broken link: invoice "
                + number
                + " was altered: total 9.99 EUR where the journal has 19.99 EUR (journal entry 2)");
  }

  @Test
  void anInvoiceWhoseTotalColumnWasAlteredIsNamed() {
    SeededDay day = new SeededDay();
    String number = day.sales.get(1).number();
    assertThat(
            broken(
                day,
                "UPDATE invoices SET total = 9.99 WHERE store_id = 'demo' AND number = '"
                    + number
                    + "'"))
        .contains(
            "invoice " + number + " row was altered: its total no longer matches its document");
  }

  @Test
  void aDeletedInvoiceIsNamed() {
    SeededDay day = new SeededDay();
    String number = day.sales.get(2).number();
    assertThat(
            broken(
                day, "DELETE FROM invoices WHERE store_id = 'demo' AND number = '" + number + "'"))
        .contains("journal entry 3 (" + number + ") has no invoice: the invoice row was deleted");
  }

  @Test
  void twoInvoicesWhoseNumbersWereSwappedAreBothNamed() {
    SeededDay day = new SeededDay();
    String first = day.sales.get(0).number();
    String second = day.sales.get(1).number();
    // each row takes the other's document, total and time: the rows' contents are swapped
    assertThat(
            broken(
                day,
                String.format(
                    "UPDATE invoices a SET document = b.document, total = b.total, issued_at = b.issued_at"
                        + " FROM invoices b WHERE a.store_id = 'demo' AND b.store_id = 'demo'"
                        + " AND a.number IN ('%1$s', '%2$s') AND b.number IN ('%1$s', '%2$s')"
                        + " AND a.number <> b.number",
                    first, second)))
        .contains("invoice " + first + " row was altered: its number no longer matches")
        .contains("invoice " + second + " row was altered: its number no longer matches");
  }

  @Test
  void aSaleWhoseLinesWereAlteredIsNamed() {
    SeededDay day = new SeededDay();
    String number = day.sales.get(0).number();
    assertThat(
            broken(
                day,
                "UPDATE pos_transactions SET document = jsonb_set(document,"
                    + " '{basket,lines,0,quantity,value}', '1')"
                    + " WHERE store_id = 'demo' AND number = '"
                    + number
                    + "'"))
        .contains(
            "sale "
                + number
                + " was altered: its lines or tenders are not those of journal entry 1");
  }

  @Test
  void anUnknownStoreIsAUsageError() {
    SeededDay day = new SeededDay();
    CliRun r = CliRun.run(day.env(), "journal", "verify", "--store", "nowhere");
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.USAGE);
    assertThat(r.err()).contains("no store nowhere");
  }
}
