package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.store.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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

  /**
   * A day on a clock with nanosecond digits, across the night Berlin moves its clocks forward
   * (2026-03-29, 02:00 CET becomes 03:00 CEST at 01:00 UTC), with a business invoice besides.
   */
  private static SeededDay nanosecondDay() {
    Clock clock =
        Clock.fixed(Instant.parse("2026-03-29T01:59:59.123456789Z"), ZoneId.of("Europe/Berlin"));
    SeededDay day =
        new SeededDay(
            SeededDay.eur("0.00"),
            clock,
            List.of(
                Instant.parse("2026-03-29T00:59:59.999999999Z"), // 01:59:59 CET
                Instant.parse("2026-03-29T01:00:00.000000001Z"), // 03:00:00 CEST
                Instant.parse("2026-03-29T01:30:00.500000500Z"),
                Instant.parse("2026-03-29T01:45:00.000000999Z")));
    day.engine
        .customers()
        .create(
            DemoStore.ID,
            Customer.of("acme", "ACME GmbH", clock.instant()).withTaxId("DE811907980"));
    Invoice b2b =
        day.engine
            .billing()
            .issue(
                CustomerId.of("acme"),
                BasketRequest.builder(DemoStore.ID)
                    .at(Instant.parse("2026-03-29T01:50:00.999999999Z"))
                    .add("TEE-M", 2)
                    .build(),
                Duration.ofDays(30),
                Actor.cashier("anna"));
    day.engine.billing().pay(DemoStore.ID, b2b.number(), SeededDay.eur("10.00"), "transfer", "b-1");
    return day;
  }

  @Test
  void aJournalWrittenOnANanosecondClockVerifiesForEveryDocumentKind() {
    SeededDay day = nanosecondDay();
    List<FiscalDocument> entries = entries(day);
    // three sales, a credit note, the Z report, the business invoice
    assertThat(entries)
        .extracting(FiscalDocument::kind)
        .containsExactly(
            DocumentKind.INVOICE,
            DocumentKind.INVOICE,
            DocumentKind.INVOICE,
            DocumentKind.CREDIT_NOTE,
            DocumentKind.Z_REPORT,
            DocumentKind.INVOICE);
    // every instant kept to the microsecond, truncated: .999999999 stays in its second
    assertThat(entries)
        .extracting(FiscalDocument::issuedAt)
        .containsExactly(
            Instant.parse("2026-03-29T00:59:59.999999Z"),
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-29T01:30:00.5Z"),
            Instant.parse("2026-03-29T01:45:00Z"),
            Instant.parse("2026-03-29T01:59:59.123456Z"),
            Instant.parse("2026-03-29T01:50:00.999999Z"));
    // what PostgreSQL holds is what the engine made, digit for digit
    assertThat(day.engine.sales().list(DemoStore.ID))
        .extracting(s -> s.at())
        .containsExactlyInAnyOrderElementsOf(
            entries.subList(0, 3).stream().map(FiscalDocument::issuedAt).toList());
    List<String> stored =
        day.db
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT extract(epoch FROM issued_at)::text FROM invoices"
                                + " ORDER BY issued_at")
                        .mapTo(String.class)
                        .list());
    assertThat(stored)
        .containsExactly(
            "1774745999.999999", "1774746000.000000", "1774747800.500000", "1774749000.999999");

    CliRun r = verify(day);
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.OK);
    assertThat(r.out()).contains("journal of demo verified: 6 documents");
  }

  @Test
  void aTimeColumnMovedByOneMicrosecondIsNamed() {
    SeededDay day = nanosecondDay();
    String sale = day.sales.get(0).number();
    String invoice = entries(day).get(5).number();
    String out =
        broken(
            day,
            "UPDATE invoices SET issued_at = issued_at + interval '1 microsecond'"
                + " WHERE store_id = 'demo' AND number = '"
                + invoice
                + "'",
            "UPDATE pos_transactions SET sold_at = sold_at - interval '1 microsecond'"
                + " WHERE store_id = 'demo' AND number = '"
                + sale
                + "'");
    assertThat(out)
        .contains(
            "invoice " + invoice + " row was altered: its time no longer matches its document")
        .contains("sale " + sale + " row was altered: its time no longer matches its document")
        .doesNotContain("invoice " + sale + " row");
  }

  @Test
  void aDocumentTimeMovedByOneMicrosecondIsNamed() {
    SeededDay day = nanosecondDay();
    String number = day.sales.get(1).number();
    // the sale's document now says 01:00:00.000001, its journal entry 01:00:00
    assertThat(
            broken(
                day,
                "UPDATE pos_transactions SET document = jsonb_set(document, '{at}',"
                    + " '1774746000.000001000')"
                    + " WHERE store_id = 'demo' AND number = '"
                    + number
                    + "'"))
        .contains("sale " + number + " was altered: issued 2026-03-29T01:00:00.000001Z");
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
