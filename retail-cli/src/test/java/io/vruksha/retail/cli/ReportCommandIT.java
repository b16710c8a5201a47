package io.vruksha.retail.cli;

import static io.vruksha.retail.cli.SeededDay.DAY;
import static io.vruksha.retail.cli.SeededDay.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportCommandIT {

  private static SeededDay day;

  @BeforeAll
  static void seed() {
    day = new SeededDay();
  }

  private static CliRun report(String name, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "report";
    args[1] = name;
    args[2] = "--store";
    args[3] = "demo";
    System.arraycopy(more, 0, args, 4, more.length);
    CliRun r = CliRun.run(day.env(), args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private static Money sum(Function<Sale, Money> f) {
    return day.sales.stream().map(f).reduce(eur("0.00"), Money::plus);
  }

  @Test
  void dailySalesAddUpTheSeededSales() {
    // 31.24 + 19.99 + 9.90
    assertThat(sum(Sale::total)).isEqualTo(eur("61.13"));
    CliRun r = report("daily-sales", "--from", DAY, "--to", DAY, "--format", "csv");
    Map<String, String> d = r.row("day", DAY);
    assertThat(d)
        .containsEntry("sales", "3")
        .containsEntry("gross", "61.13")
        .containsEntry("returns", "1")
        .containsEntry("refunds", "4.49")
        .containsEntry("net", "56.64")
        .containsEntry("average_sale", "20.38")
        .containsEntry("currency", "EUR");
    assertThat(r.row("day", "TOTAL")).containsEntry("gross", "61.13").containsEntry("net", "56.64");
    // a day without activity has no row, and the total is zero
    CliRun empty =
        report("daily-sales", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv");
    assertThat(empty.csv()).hasSize(1);
    assertThat(empty.row("day", "TOTAL"))
        .containsEntry("gross", "0.00")
        .containsEntry("sales", "0");
  }

  @Test
  void dailySalesAsATableAndAsJson() {
    CliRun table = report("daily-sales", "--from", DAY, "--to", DAY);
    // 2 coffees, a T-shirt M, a mug, a T-shirt L, a cake
    assertThat(table.out().lines().findFirst().orElseThrow())
        .startsWith(
            "day         sales  units  gross  returns  refunds  net    average_sale  currency");
    assertThat(table.out()).contains(DAY + "  3      6      61.13  1        4.49     56.64  20.38");
    CliRun json = report("daily-sales", "--from", DAY, "--to", DAY, "--format", "json");
    assertThat(json.out()).contains("\"day\": \"" + DAY + "\"", "\"gross\": \"61.13\"");
  }

  @Test
  void productPerformanceBestSellersFirst() {
    CliRun r = report("product-performance", "--from", DAY, "--to", DAY, "--format", "csv");
    assertThat(r.csv()).extracting(m -> m.get("sku")).first().isEqualTo("TEE-L");
    assertThat(r.row("sku", "TEE-L")).containsEntry("units", "1").containsEntry("revenue", "19.99");
    assertThat(r.row("sku", "CAKE")).containsEntry("units", "1").containsEntry("revenue", "9.90");
    assertThat(r.row("sku", "COFFEE")).containsEntry("units", "2").containsEntry("sales", "1");
    // the revenue of every SKU adds up to the sales' totals
    Money revenue =
        r.csv().stream().map(m -> eur(m.get("revenue"))).reduce(eur("0.00"), Money::plus);
    assertThat(revenue).isEqualTo(sum(Sale::total));
  }

  @Test
  void taxPerRateLessReturns() {
    CliRun r = report("tax", "--from", DAY, "--to", DAY, "--format", "csv");
    Money salesTax = sum(s -> s.basket().tax());
    Map<String, String> total = r.row("rate_code", "TOTAL");
    assertThat(total)
        .containsEntry("sales_tax", salesTax.amount().toPlainString())
        .containsEntry("returns_tax", day.back.tax().amount().toPlainString())
        .containsEntry("net_tax", salesTax.minus(day.back.tax()).amount().toPlainString());
    for (String code : new String[] {"DE19", "DE7"}) {
      Money rateTax =
          day.sales.stream()
              .flatMap(s -> s.basket().taxBreakdown().stream())
              .filter(e -> e.rateCode().equals(code))
              .map(TaxBreakdownEntry::tax)
              .reduce(eur("0.00"), Money::plus);
      assertThat(r.row("rate_code", code).get("sales_tax"))
          .isEqualTo(rateTax.amount().toPlainString());
    }
    // the mug that came back was taxed at 19%: its tax comes off DE19 only
    Map<String, String> de19 = r.row("rate_code", "DE19");
    assertThat(de19.get("returns_tax")).isEqualTo(day.back.tax().amount().toPlainString());
    assertThat(r.row("rate_code", "DE7").get("returns_tax")).isEqualTo("0.00");
    assertThat(eur(de19.get("sales_tax")).minus(eur(de19.get("returns_tax"))))
        .isEqualTo(eur(de19.get("net_tax")));
  }

  @Test
  void zReportsWithExpectedCountedAndOverShortPerTender() {
    String closed = day.z.at().atZone(ZoneId.of("Europe/Berlin")).toLocalDate().toString();
    CliRun r = report("z", "--from", closed, "--to", closed, "--format", "csv");
    assertThat(r.csv()).hasSize(2);
    // 100.00 float + 31.24 + 9.90 cash taken - 4.49 cash refunded
    assertThat(r.row("tender", "CASH"))
        .containsEntry("z_number", day.z.number().orElseThrow())
        .containsEntry("sales", "3")
        .containsEntry("gross", "61.13")
        .containsEntry("returns", "4.49")
        .containsEntry("expected", "136.65")
        .containsEntry("counted", "136.65")
        .containsEntry("over_short", "0.00");
    assertThat(r.row("tender", "CARD"))
        .containsEntry("expected", "19.99")
        .containsEntry("counted", "19.99")
        .containsEntry("over_short", "0.00");
    String before = LocalDate.parse(closed).minusDays(1).toString();
    assertThat(report("z", "--from", before, "--to", before, "--format", "csv").csv()).isEmpty();
  }

  @Test
  void loyaltyPointsPerCustomer() {
    Sale first = day.sales.get(0);
    long earned = first.pointsEarned();
    long back = day.back.lines().stream().mapToLong(l -> l.pointsTakenBack()).sum();
    assertThat(earned).isPositive();
    CliRun r = report("loyalty", "--from", DAY, "--to", DAY, "--format", "csv");
    assertThat(r.csv()).hasSize(1);
    assertThat(r.row("customer", "c-1"))
        .containsEntry("earned", Long.toString(earned))
        .containsEntry("redeemed", "0")
        .containsEntry("returned", Long.toString(back))
        .containsEntry("net", Long.toString(earned - back))
        .containsEntry(
            "balance", Long.toString(day.engine.loyalty().orElseThrow().ledger().balance("c-1")));
  }

  @Test
  void usageErrors() {
    CliRun backwards =
        CliRun.run(
            day.env(),
            "report",
            "daily-sales",
            "--store",
            "demo",
            "--from",
            DAY,
            "--to",
            "2026-11-01");
    assertThat(backwards.code()).isEqualTo(Retail.USAGE);
    assertThat(
            CliRun.run(day.env(), "report", "tax", "--store", "demo", "--from", "24.11.2026")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(
            CliRun.run(day.env(), "report", "daily-sales", "--store", "demo", "--format", "xml")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(CliRun.run(day.env(), "report", "z", "--help").out())
        .contains("over_short", "--from");
  }
}
