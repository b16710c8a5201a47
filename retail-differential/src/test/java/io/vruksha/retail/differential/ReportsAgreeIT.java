package io.vruksha.retail.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.report.TaxSummary;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLevy;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The period reports over REST and on the command line, on the same PostgreSQL data, figure by
 * figure: both come from the core's {@code PeriodReports}. Two sales over HTTP at both German VAT
 * rates and a return of the 7% line, then {@code GET /reports/...} against {@code retail report ...
 * --format json}.
 */
class ReportsAgreeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STORE = "/api/v1/stores/demo";

  private static PostgresDatabase db;
  private static RetailEngine engine;
  private static RetailServer server;
  private static String token;
  private static String today;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void sellAndReturnOverHttp() throws Exception {
    db = Databases.server();
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    server =
        RetailServer.start(
            ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
                .withPort(0),
            engine,
            List.of(),
            Map.of(),
            true);
    token = server.demoToken().orElseThrow(() -> new IllegalStateException("no demo token"));
    // a T-shirt at 19% and a coffee at 7%; then three mugs (3 for 10.00) and two coffees
    JsonNode first =
        send(
            "POST",
            STORE + "/sales",
            Map.of(
                "lines",
                List.of(Map.of("code", "TEE-M"), Map.of("code", "COFFEE")),
                "tenders",
                List.of(cash("100.00"))),
            "agree-1");
    send(
        "POST",
        STORE + "/sales",
        Map.of(
            "lines",
            List.of(
                Map.of("code", "MUG", "quantity", "3"), Map.of("code", "COFFEE", "quantity", "2")),
            "tenders",
            List.of(cash("100.00"))),
        "agree-2");
    // the first sale's coffee comes back
    send(
        "POST",
        STORE + "/returns",
        Map.of(
            "saleId",
            first.get("id").asText(),
            "refundTo",
            "ORIGINAL",
            "lines",
            List.of(Map.of("line", 1, "quantity", "1", "restock", true))),
        "agree-r1");
    awaitReactions();
    today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString(); // the demo store's zone
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theTaxSummaryIsTheSamePerRateAndInTotal() throws Exception {
    JsonNode rest = send("GET", STORE + "/reports/tax-summary" + range(), null, null);
    List<JsonNode> cli = cli("tax");

    List<String> restRows = new ArrayList<>();
    for (JsonNode r : rest.get("rates")) {
      restRows.add(
          String.join(
              " ",
              r.get("rateCode").asText(),
              amount(r.get("taxableBase")),
              amount(r.get("tax")),
              amount(r.get("returnsBase")),
              amount(r.get("returnsTax")),
              amount(r.get("netTax"))));
    }
    restRows.add(
        String.join(
            " ",
            "TOTAL",
            amount(rest.get("salesTax")),
            amount(rest.get("returnsTax")),
            amount(rest.get("netTax"))));
    List<String> cliRows = new ArrayList<>();
    for (JsonNode r : cli) {
      boolean total = r.get("rate_code").asText().equals("TOTAL");
      cliRows.add(
          total
              ? String.join(
                  " ",
                  "TOTAL",
                  r.get("sales_tax").asText(),
                  r.get("returns_tax").asText(),
                  r.get("net_tax").asText())
              : String.join(
                  " ",
                  r.get("rate_code").asText(),
                  r.get("sales_base").asText(),
                  r.get("sales_tax").asText(),
                  r.get("returns_base").asText(),
                  r.get("returns_tax").asText(),
                  r.get("net_tax").asText()));
    }

    assertThat(cliRows).isEqualTo(restRows);
    // 19% : the T-shirt 19.99 (tax 19.99 x 19/119 = 3.19, base 16.80) and 3 mugs for 10.00
    //       (tax 1.60, base 8.40): 25.20 and 4.79
    // 7%  : a coffee 6.49 (tax 6.49 x 7/107 = 0.42, base 6.07) and two with the second at half
    //       price, 12.98 - 3.25 (half of 6.49 = 3.245, half-up) = 9.73 (tax 0.64, base 9.09): 15.16
    // and
    //       1.06; the returned coffee takes 6.07 and 0.42 off this rate only
    assertThat(restRows)
        .containsExactly(
            "DE19 25.20 4.79 0.00 0.00 4.79",
            "DE7 15.16 1.06 6.07 0.42 0.64",
            "TOTAL 5.85 0.42 5.43");
  }

  @Test
  void eachLevyIsTheSameInMemoryOnPostgresqlAndOnTheCommandLine() throws Exception {
    // the same day on the reference (in memory) and on PostgreSQL: a German deposit of 0.25 taxed
    // like the 19% goods on 1 + 2 T-shirts, a 0.15 deposit outside the tax on a coffee that
    // comes back
    Instant noon = Instant.parse("2026-11-25T10:00:00Z");
    LocalDate day = LocalDate.of(2026, 11, 25);
    Clock clock = Clock.fixed(noon, ZoneOffset.UTC);
    PostgresDatabase pg = Databases.engine();
    RetailEngine memory = DemoStore.engineBuilder().clock(clock).build();
    RetailEngine postgres =
        PostgresAdapters.use(pg, DemoStore.engineBuilder().clock(clock)).build();
    List<String> levies = new ArrayList<>();
    for (RetailEngine e : List.of(memory, postgres)) {
      DemoStore.seed(e);
      e.taxRules().assign(DemoStore.ID, withDeposits());
      Sale first = sell(e, "levy-1", noon, "TEE-M", "COFFEE");
      sell(e, "levy-2", noon, "TEE-M", "TEE-M");
      e.acceptReturn(
          ReturnRequest.of("levy-r1", first.id(), new ReturnRequest.Item(1, BigDecimal.ONE, true))
              .at(noon),
          Actor.supervisor("sam"));
      TaxSummary summary =
          e.inStore(DemoStore.ID, () -> e.reports().taxSummary(DemoStore.ID, day, day));
      levies.add(
          String.join(
              " | ",
              summary.levies().stream()
                  .map(
                      l ->
                          String.join(
                              " ",
                              l.code(),
                              l.name(),
                              l.units().stripTrailingZeros().toPlainString(),
                              l.net().amount().toPlainString(),
                              l.tax().amount().toPlainString(),
                              l.gross().amount().toPlainString()))
                  .toList()));
      if (e == postgres) {
        // every rate, levy and total as the reference has it (decimals compared by value)
        assertThat(summary)
            .usingRecursiveComparison()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .isEqualTo(memory.reports().taxSummary(DemoStore.ID, day, day));
      }
    }
    // Pfand: 0.25 (tax 0.25 x 19/119 = 0.04, net 0.21) and 0.50 (tax 0.08, net 0.42), line by line
    String expected = "DEP Deposit 1 0.15 0.00 0.15 | PFAND025 Pfand 3 0.63 0.12 0.75";
    assertThat(levies).containsExactly(expected, expected);

    JsonNode run =
        World.cli(
            pg,
            List.of(
                "report",
                "tax",
                "--store",
                "demo",
                "--from",
                day.toString(),
                "--to",
                day.toString(),
                "--format",
                "json"));
    assertThat(run.get("exit").asInt()).as(run.get("err").asText()).isZero();
    List<String> cliLevies = new ArrayList<>();
    for (JsonNode r : JSON.readTree(run.get("out").asText())) {
      String code = r.get("rate_code").asText();
      if (code.startsWith("levy:")) {
        cliLevies.add(
            String.join(
                " ",
                code.substring("levy:".length()),
                r.get("name").asText(),
                r.get("units").asText(),
                r.get("sales_base").asText(),
                r.get("sales_tax").asText(),
                r.get("gross").asText()));
      }
    }
    assertThat(String.join(" | ", cliLevies)).isEqualTo(expected);
  }

  private static TaxJurisdiction withDeposits() {
    return TaxJurisdiction.builder("DE", "Germany")
        .pricesIncludeTax(true)
        .rule(
            TaxRule.standard(DemoStore.STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                .withLevy(
                    TaxLevy.perUnitOnTop(
                        "PFAND025", "Pfand", Money.of("0.25", "EUR"), DemoStore.STANDARD)))
        .rule(
            TaxRule.standard(DemoStore.REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07"))
                .withLevy(
                    TaxLevy.perUnitOnTop(
                        "DEP", "Deposit", Money.of("0.15", "EUR"), TaxCategory.of("outside"))))
        .rule(TaxRule.exempt(TaxCategory.of("outside")))
        .build();
  }

  private static Sale sell(RetailEngine e, String key, Instant at, String... skus) {
    BasketRequest.Builder basket = BasketRequest.builder(DemoStore.ID).at(at);
    for (String sku : skus) {
      basket.add(sku, 1);
    }
    return e.checkout(
        CheckoutRequest.of(key, basket.build(), new Tender.Cash(Money.of("100.00", "EUR"))),
        Actor.cashier("anna"));
  }

  @Test
  void dailySalesAreTheSameDayByDayAndInTotal() throws Exception {
    JsonNode rest = send("GET", STORE + "/reports/daily-sales" + range(), null, null);
    List<JsonNode> cli = cli("daily-sales");

    List<String> restRows = new ArrayList<>();
    for (JsonNode d : rest.get("days")) {
      restRows.add(day(d.get("day").asText(), d));
    }
    restRows.add(day("TOTAL", rest.get("total")));
    List<String> cliRows = new ArrayList<>();
    for (JsonNode r : cli) {
      cliRows.add(
          String.join(
              " ",
              r.get("day").asText(),
              r.get("sales").asText(),
              new BigDecimal(r.get("units").asText()).stripTrailingZeros().toPlainString(),
              r.get("gross").asText(),
              r.get("returns").asText(),
              r.get("refunds").asText(),
              r.get("net").asText(),
              r.get("average_sale").asText()));
    }

    assertThat(cliRows).isEqualTo(restRows);
    // 19.99 + 6.49 = 26.48 and 10.00 + 9.73 (the second coffee half price) = 19.73: 46.21
    // gross, 6.49 refunded, 39.72 net; 46.21 / 2 sales = 23.105, half-up 23.11
    assertThat(restRows.get(restRows.size() - 1)).isEqualTo("TOTAL 2 7 46.21 1 6.49 39.72 23.11");
  }

  @Test
  void productPerformanceIsTheSameSkuBySku() throws Exception {
    JsonNode rest = send("GET", STORE + "/reports/product-performance" + range(), null, null);
    List<JsonNode> cli = cli("product-performance");

    List<String> restRows = new ArrayList<>();
    for (JsonNode p : rest.get("products")) {
      restRows.add(
          String.join(
              " ",
              p.get("sku").asText(),
              p.get("sales").asText(),
              new BigDecimal(p.get("units").asText()).stripTrailingZeros().toPlainString(),
              amount(p.get("revenue"))));
    }
    List<String> cliRows = new ArrayList<>();
    for (JsonNode r : cli) {
      cliRows.add(
          String.join(
              " ",
              r.get("sku").asText(),
              r.get("sales").asText(),
              r.get("units").asText(),
              r.get("revenue").asText()));
    }

    assertThat(cliRows).isEqualTo(restRows);
    // coffee 6.49 + 9.73 (the second half price); returns are not taken off
    assertThat(restRows).containsExactly("TEE-M 1 1 19.99", "COFFEE 2 3 16.22", "MUG 1 3 10.00");
  }

  private static String day(String label, JsonNode d) {
    return String.join(
        " ",
        label,
        d.get("sales").asText(),
        new BigDecimal(d.get("units").asText()).stripTrailingZeros().toPlainString(),
        amount(d.get("gross")),
        d.get("returns").asText(),
        amount(d.get("refunds")),
        amount(d.get("net")),
        amount(d.get("averageSale")));
  }

  private static String range() {
    return "?from=" + today + "&to=" + today;
  }

  private static String amount(JsonNode money) {
    return money.get("amount").asText();
  }

  private static Map<String, Object> cash(String amount) {
    return Map.of("type", "CASH", "amount", Map.of("amount", amount, "currency", "EUR"));
  }

  /** {@code retail report NAME --store demo --from today --to today --format json}, parsed. */
  private static List<JsonNode> cli(String report) throws Exception {
    JsonNode run =
        World.cli(
            db,
            List.of(
                "report",
                report,
                "--store",
                "demo",
                "--from",
                today,
                "--to",
                today,
                "--format",
                "json"));
    assertThat(run.get("exit").asInt()).as(run.get("err").asText()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(run.get("out").asText()).forEach(rows::add);
    return rows;
  }

  private static JsonNode send(String method, String path, Object body, String key)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    return JSON.readTree(r.body()).get("data");
  }

  /** Waits until the server's in-process reactions (analytics among them) have run. */
  private static void awaitReactions() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (EngineHost.outbox(engine).pendingCount() > 0) {
      assertThat(System.nanoTime()).as("reactions done within 30 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
