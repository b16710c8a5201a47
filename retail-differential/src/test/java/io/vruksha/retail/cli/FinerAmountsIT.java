package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sales history whose line totals and unit prices have four decimals (16.448, 9.9999, 0.0049:
 * weighed goods, percentage discounts), imported with {@code retail import sales} next to a live
 * sale of the till. Every report, reconcile check and REST report reads it, and each figure is the
 * exact sum of the file's lines (and the live sale) rounded half-up to the cent once.
 */
class FinerAmountsIT {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String DAY1 = "2026-03-02";
  private static final String DAY2 = "2026-03-03";

  /**
   * The history. Hand-checked figures (prices include tax: total = quantity x unit_price -
   * discount): 2 March: 16.448 + 9.9999 + 0.0049 + 2.0017 = 28.4545; 3 March: 0.0049 + 4.9957 +
   * 0.0049 + 19.985 = 24.9905.
   */
  private static final List<String> HISTORY =
      List.of(
          "receipt_id,line,sold_at,sku,quantity,unit_price,discount,tax,total",
          "H-1,1,2026-03-02T10:15:00Z,GOUDA,1.25,13.1584,0,1.0761,16.448",
          "H-1,2,2026-03-02T10:15:00Z,MUG,1,9.9999,0,1.5966,9.9999",
          "H-2,1,2026-03-02T15:30:00Z,COFFEE,0.5,0.0098,0,0.0003,0.0049",
          "H-2,2,2026-03-02T15:30:00Z,CAKE,1,2.0017,0,0.1310,2.0017",
          "H-3,1,2026-03-03T08:00:00Z,COFFEE,0.5,0.0098,0,0.0003,0.0049",
          "H-3,2,2026-03-03T08:00:00Z,MUG,1,4.9957,0,0.7976,4.9957",
          "H-4,1,2026-03-03T16:45:00Z,COFFEE,0.5,0.0098,0,0.0003,0.0049",
          "H-4,2,2026-03-03T16:45:00Z,TEE-M,1,19.985,0,3.1908,19.985");

  @TempDir static Path dir;

  private static PostgresDatabase db;
  private static RetailEngine engine;
  private static Sale live;
  private static RetailServer server;
  private static String token;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void importHistoryBesideALiveSale() throws Exception {
    db = TestDatabase.fresh();
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    live =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(DemoStore.ID)
                    .at(Instant.parse("2026-03-02T09:00:00Z"))
                    .add("MUG", 1)
                    .build(),
                new Tender.Cash(Money.of("5.00", "EUR"))),
            Actor.cashier("anna"));
    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.ANALYTICS));
    for (EventEnvelope e : EngineHost.outbox(engine).pending(10_000)) {
      reactions.handle(e);
    }
    Path file = dir.resolve("history.csv");
    Files.write(file, HISTORY);
    CliRun imported =
        CliRun.run(
            env(),
            "import",
            "sales",
            "--store",
            "demo",
            "--quiet",
            "--move-stock",
            file.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 8, rejected 0");

    server =
        RetailServer.start(
            ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
                .withPort(0),
            engine,
            List.of(),
            Map.of(),
            false);
    token =
        server
            .context()
            .tokens()
            .issueService("ops", Role.MANAGER, Set.of("demo"), Duration.ofMinutes(10));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, String> env() {
    return CliRun.env(db);
  }

  private static CliRun cli(String... args) {
    CliRun r = CliRun.run(env(), args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private static CliRun report(String kind) {
    return cli("report", kind, "--store", "demo", "--from", DAY1, "--to", DAY2, "--format", "csv");
  }

  private static JsonNode rest(String report) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.port()
                                + "/api/v1/stores/demo/reports/"
                                + report
                                + "?from="
                                + DAY1
                                + "&to="
                                + DAY2))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("data");
  }

  /** One line of the file. */
  private record Line(
      String receipt, LocalDate day, String sku, BigDecimal qty, BigDecimal total) {}

  private static List<Line> lines() {
    List<Line> out = new ArrayList<>();
    for (String row : HISTORY.subList(1, HISTORY.size())) {
      String[] f = row.split(",");
      out.add(
          new Line(
              f[0],
              Instant.parse(f[2]).atZone(BERLIN).toLocalDate(),
              f[3],
              new BigDecimal(f[4]),
              new BigDecimal(f[8])));
    }
    return out;
  }

  /** What the file and the live sale add up to on {@code day} (all days when null), exactly. */
  private static BigDecimal gross(String day) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Line l : lines()) {
      if (day == null || l.day().toString().equals(day)) {
        sum = sum.add(l.total());
      }
    }
    if (day == null || day.equals(DAY1)) {
      sum = sum.add(live.total().amount());
    }
    return sum;
  }

  private static long receipts(String day) {
    return lines().stream()
            .filter(l -> day == null || l.day().toString().equals(day))
            .map(Line::receipt)
            .distinct()
            .count()
        + (day == null || day.equals(DAY1) ? 1 : 0);
  }

  /** The report rule: the exact sum, half-up to the cent, once. */
  private static String shown(BigDecimal exact) {
    return exact.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  @Test
  void dailySalesAreTheExactSumsRoundedOnceAndTheSameOnTheCliAndTheApi() throws Exception {
    // the live mug: 4.99; 2 March 28.4545 + 4.99 = 33.4445 -> 33.44; 3 March 24.9905 -> 24.99;
    // the range 58.435 -> 58.44, where the days' rounded figures would add up to 58.43
    assertThat(gross(DAY1)).isEqualByComparingTo("33.4445");
    assertThat(gross(DAY2)).isEqualByComparingTo("24.9905");
    assertThat(gross(null)).isEqualByComparingTo("58.435");

    CliRun r = report("daily-sales");
    JsonNode api = rest("daily-sales");
    Map<String, JsonNode> apiDays = new TreeMap<>();
    api.get("days").forEach(d -> apiDays.put(d.get("day").asText(), d));
    for (String day : List.of(DAY1, DAY2)) {
      BigDecimal exact = gross(day);
      long sales = receipts(day);
      Map<String, String> row = r.row("day", day);
      assertThat(row)
          .containsEntry("sales", Long.toString(sales))
          .containsEntry("gross", shown(exact))
          .containsEntry("net", shown(exact))
          .containsEntry("refunds", "0.00")
          .containsEntry(
              "average_sale",
              shown(exact.divide(BigDecimal.valueOf(sales), 20, RoundingMode.DOWN)));
      JsonNode d = apiDays.get(day);
      assertThat(d.get("sales").asLong()).isEqualTo(sales);
      assertThat(d.get("gross").get("amount").asText()).isEqualTo(row.get("gross"));
      assertThat(d.get("net").get("amount").asText()).isEqualTo(row.get("net"));
      assertThat(d.get("averageSale").get("amount").asText()).isEqualTo(row.get("average_sale"));
    }
    assertThat(r.row("day", DAY1)).containsEntry("gross", "33.44").containsEntry("units", "4.75");
    // 24.9905 / 2 = 12.49525 -> 12.50
    assertThat(r.row("day", DAY2))
        .containsEntry("gross", "24.99")
        .containsEntry("average_sale", "12.50");
    // 58.435 / 5 = 11.687 -> 11.69
    assertThat(r.row("day", "TOTAL"))
        .containsEntry("sales", "5")
        .containsEntry("gross", shown(gross(null)))
        .containsEntry("gross", "58.44")
        .containsEntry("average_sale", "11.69");
    assertThat(api.get("total").get("gross").get("amount").asText()).isEqualTo("58.44");
    assertThat(api.get("total").get("averageSale").get("amount").asText()).isEqualTo("11.69");
    assertThat(api.get("total").get("sales").asLong()).isEqualTo(5);
  }

  @Test
  void productPerformanceAddsEachSkuExactlyAndRoundsOnce() throws Exception {
    Map<String, BigDecimal> revenue = new TreeMap<>();
    for (Line l : lines()) {
      revenue.merge(l.sku(), l.total(), BigDecimal::add);
    }
    revenue.merge("MUG", live.total().amount(), BigDecimal::add);
    // COFFEE: 3 x 0.0049 = 0.0147 -> 0.01 (each line rounded first would give 0.00); TEE-M
    // 19.985 -> 19.99 half-up; MUG 9.9999 + 4.9957 + 4.99 = 19.9856 -> 19.99
    assertThat(revenue.get("COFFEE")).isEqualByComparingTo("0.0147");

    CliRun r = report("product-performance");
    JsonNode api = rest("product-performance");
    Map<String, String> apiRevenue = new TreeMap<>();
    api.get("products")
        .forEach(
            p -> apiRevenue.put(p.get("sku").asText(), p.get("revenue").get("amount").asText()));
    for (Map.Entry<String, BigDecimal> e : revenue.entrySet()) {
      assertThat(r.row("sku", e.getKey())).containsEntry("revenue", shown(e.getValue()));
      assertThat(apiRevenue).containsEntry(e.getKey(), shown(e.getValue()));
    }
    assertThat(r.row("sku", "COFFEE"))
        .containsEntry("revenue", "0.01")
        .containsEntry("units", "1.5");
    assertThat(r.row("sku", "TEE-M")).containsEntry("revenue", "19.99");
    assertThat(r.row("sku", "GOUDA")).containsEntry("revenue", "16.45");
    // best sellers by exact revenue: MUG 19.9856 before TEE-M 19.985
    assertThat(r.csv()).extracting(m -> m.get("sku")).startsWith("MUG", "TEE-M", "GOUDA");
    assertThat(api.get("products").get(0).get("sku").asText()).isEqualTo("MUG");
  }

  @Test
  void everyOtherReportAndEveryReconcileCheckReadsTheImportedDays() throws Exception {
    // the tax report reads the till's documents: the live mug, 4.99 with 19% VAT in it
    CliRun tax = report("tax");
    assertThat(tax.row("rate_code", "DE19"))
        .containsEntry("sales_base", "4.19")
        .containsEntry("sales_tax", "0.80");
    assertThat(rest("tax-summary").get("salesTax").get("amount").asText()).isEqualTo("0.80");
    for (String kind : List.of("z", "loyalty", "orders", "warranties")) {
      report(kind);
    }
    assertThat(report("orders").row("channel", "TOTAL")).containsEntry("ordered", "0.00");
    // the history booked its quantities as movements: 10.000 - 1.25 kg of gouda
    CliRun stock = cli("reconcile", "stock", "--store", "demo", "--format", "csv");
    assertThat(stock.row("sku", "GOUDA"))
        .containsEntry("on_hand", "8.75")
        .containsEntry("status", "OK");
    CliRun sales =
        cli(
            "reconcile",
            "sales",
            "--store",
            "demo",
            "--from",
            DAY1,
            "--to",
            DAY2,
            "--format",
            "csv");
    assertThat(sales.row("scope", "day")).containsEntry("sales_total", "4.99");
    cli("reconcile", "shift", "--store", "demo");
  }
}
