package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retail import gift-cards} (all or none, broken rows named by line) and {@code retail
 * report gift-cards} (the liability per day) against PostgreSQL.
 */
class GiftCardsCommandIT {

  @TempDir Path dir;

  @Test
  void aBrokenFileImportsNothingAGoodOneImportsOnceAndTheLiabilityShowsIt() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    Map<String, String> env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);

    Path broken = dir.resolve("broken.csv");
    Files.writeString(
        broken,
        "code,balance,currency,expiry,issued\n"
            + "OLD-0001-AAAA,12.50,EUR,2099-01-01,2025-06-01\n"
            + "OLD-0001-AAAA,3.00,EUR,2099-01-01,2025-06-01\n"
            + "SHORT,3.00,EUR,2099-01-01,2025-06-01\n"
            + "OLD00004,3.001,EUR,2099-01-01,2025-06-01\n"
            + "OLD00005,3.00,CHF,2099-01-01,2025-06-01\n"
            + "OLD00006,3.00,EUR,2025-01-01,2025-06-01\n");
    Path rejects = dir.resolve("rejects.csv");
    CliRun bad =
        CliRun.run(
            env,
            "import",
            "gift-cards",
            "--store",
            "demo",
            "--rejects",
            rejects.toString(),
            broken.toString());
    assertThat(bad.code()).as(bad.toString()).isEqualTo(Retail.DISCREPANCIES);
    // every broken row is named by its line, the unreadable one and those the engine refuses
    assertThat(bad.err())
        .contains(
            "line 3: code **** AAAA is given twice",
            "line 4: a gift card code is 8 to 32 letters and digits",
            "line 5: ",
            "3.001",
            "line 6: the balance is in CHF; demo takes EUR",
            "line 7: the expiry must come after the issue date",
            "5 broken rows; gift cards import all or none, so nothing was imported");
    assertThat(bad.out()).contains("imported 0, rejected 5");
    assertThat(Files.readString(rejects)).contains("3,code **** AAAA is given twice");
    assertThat(engine.inStore(DemoStore.ID, () -> engine.giftCards().list(DemoStore.ID))).isEmpty();

    Path good = dir.resolve("cards.csv");
    Files.writeString(
        good,
        "code,balance,expiry,issued\n"
            + "OLD-0001-AAAA,12.50,2099-01-01,2025-06-01\n"
            + "OLD-0002-BBBB,7.25,2099-01-01,2025-07-01T12:00:00Z\n");
    CliRun ok = CliRun.run(env, "import", "gift-cards", "--store", "demo", good.toString());
    assertThat(ok.code()).as(ok.toString()).isEqualTo(Retail.OK);
    assertThat(ok.out()).contains("imported 2, rejected 0");
    CliRun again = CliRun.run(env, "import", "gift-cards", "--store", "demo", good.toString());
    assertThat(again.out()).contains("imported 0, rejected 0, skipped 2");

    // a mug (4.99) paid with the first imported card: 12.50 + 7.25 - 4.99 = 14.76 owed
    engine.checkout(
        CheckoutRequest.of(
            "gc-1",
            BasketRequest.builder(DemoStore.ID).add("MUG", 1).build(),
            new Tender.GiftCard("OLD-0001-AAAA", Money.of("4.99", "EUR"))),
        Actor.cashier("anna"));
    String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
    CliRun report =
        CliRun.run(
            env, "report", "gift-cards", "--store", "demo", "--from", today, "--format", "csv");
    assertThat(report.code()).as(report.toString()).isEqualTo(Retail.OK);
    // the imported cards were issued on their own (past) dates: they open today's liability
    assertThat(report.out())
        .contains("day,opening,issued,reloaded,redeemed,expired,cancelled,closing,currency")
        .contains(today + ",19.75,0.00,0.00,4.99,0.00,0.00,14.76,EUR");
  }

  @Test
  void anotherSystemsExportWithItsOwnColumnsDelimiterDatesAndDecimalCommaImports()
      throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    Map<String, String> env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);

    // as a German till exports its vouchers: BOM, semicolons, CRLF, decimal comma with thousands
    // points, day-first dates, quoted fields and columns the import does not know
    Path export = dir.resolve("gutscheine.csv");
    Files.writeString(
        export,
        "\uFEFFKartennummer;Restwert;Währung;Gültig bis;Ausgestellt am;Kunde\r\n"
            + "GK-2025-000001;1.234,56;EUR;31.12.2099;01.06.2025;\"Groß, Jürgen\"\r\n"
            + "\"GK-2025-000002\";20,00;EUR;28.02.2099;15.11.2025;Zoë Ødegård\r\n");
    CliRun run =
        CliRun.run(
            env,
            "import",
            "gift-cards",
            "--store",
            "demo",
            "--delimiter",
            ";",
            "--decimal-comma",
            "--date-format",
            "dd.MM.yyyy",
            "--map",
            "Kartennummer=code,Restwert=balance,Währung=currency,Gültig bis=expiry,"
                + "Ausgestellt am=issued",
            export.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(Retail.OK);
    assertThat(run.out()).contains("imported 2, rejected 0");
    var cards = engine.inStore(DemoStore.ID, () -> engine.giftCards().list(DemoStore.ID));
    assertThat(cards)
        .extracting(c -> c.balance().amount().toPlainString())
        .containsExactlyInAnyOrder("1234.56", "20.00");
    assertThat(cards)
        .extracting(c -> c.expiresAt().atZone(ZoneId.of("Europe/Berlin")).toLocalDate().toString())
        .containsExactlyInAnyOrder("2099-12-31", "2099-02-28");

    // a balance with a decimal point where the file says decimal comma is not silently scaled
    Path wrong = dir.resolve("wrong.csv");
    Files.writeString(
        wrong,
        "Kartennummer;Restwert;Gültig bis;Ausgestellt am\n"
            + "GK-2025-000003;12,5x;31.12.2099;01.06.2025\n");
    CliRun bad =
        CliRun.run(
            env,
            "import",
            "gift-cards",
            "--store",
            "demo",
            "--delimiter",
            ";",
            "--decimal-comma",
            "--date-format",
            "dd.MM.yyyy",
            "--map",
            "Kartennummer=code,Restwert=balance,Gültig bis=expiry,Ausgestellt am=issued",
            wrong.toString());
    assertThat(bad.code()).as(bad.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(bad.err()).contains("line 2: balance '12,5x' is not a number");
    assertThat(engine.inStore(DemoStore.ID, () -> engine.giftCards().list(DemoStore.ID)))
        .hasSize(2);
  }
}
