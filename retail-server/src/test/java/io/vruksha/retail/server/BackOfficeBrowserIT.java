package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The back office in a real browser: a sale made through the API shows in today's figures, in the
 * 30-day chart as today's bar, in the sales list with its receipt, and the fiscal journal verifies.
 */
class BackOfficeBrowserIT {

  private static RetailServer server;
  private static String receiptNumber;

  @BeforeAll
  static void startAndSell() {
    if (!Browser.installed()) {
      return; // each test says why it is skipped
    }
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    TestClient http = new TestClient(server);
    String token =
        http.post(
                "/api/v1/auth/login",
                null,
                Map.of("staffId", "anna", "pin", RetailServer.DEMO_CASHIER_PIN))
            .data()
            .get("token")
            .asText();
    // 2 × 19.99 + 6.49 = 46.47
    TestClient.Response sale =
        http.post(
            "/api/v1/stores/demo/sales",
            token,
            Map.of(
                "lines",
                List.of(
                    Map.of("code", "TEE-M", "quantity", "2"),
                    Map.of("code", "4006381333948")), // filter coffee
                "tenders",
                List.of(
                    Map.of(
                        "type", "CASH", "amount", Map.of("amount", "50.00", "currency", "EUR")))),
            "back-office-sale-1");
    assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
    JsonNode data = sale.data();
    assertThat(data.at("/basket/total/amount").asText()).isEqualTo("46.47");
    receiptNumber = data.get("number").asText();

    // 41 mugs broken: 50 - 41 = 9, below the reorder point of 10, so the reaction drafts an order
    // from the mugs' supplier
    String admin = server.demoToken().orElseThrow();
    Map<String, Object> cost = Map.of("amount", "1.70", "currency", "EUR");
    Map<String, Object> supplier =
        Map.of(
            "id",
            "kiln",
            "name",
            "Kiln & Co",
            "items",
            Map.of("MUG", Map.of("cost", cost, "leadTimeDays", 5)));
    assertThat(http.post("/api/v1/suppliers", admin, supplier).status()).isEqualTo(201);
    String max =
        http.post(
                "/api/v1/auth/login",
                null,
                Map.of("staffId", "max", "pin", RetailServer.DEMO_MANAGER_PIN))
            .data()
            .get("token")
            .asText();
    Map<String, Object> breakage = Map.of("sku", "MUG", "quantity", "-41", "reason", "breakage");
    assertThat(http.post("/api/v1/stores/demo/stock/adjustments", max, breakage).status())
        .isEqualTo(201);
    long until = System.currentTimeMillis() + 10_000;
    while (http.get("/api/v1/stores/demo/purchase-orders", max).data().isEmpty()) {
      assertThat(System.currentTimeMillis()).as("the reaction drafts an order").isLessThan(until);
      Thread.onSpinWait();
    }
  }

  @BeforeEach
  void chromium() {
    Browser.requireChromium();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aManagerSeesTodaysSaleInTheFiguresTheChartAndTheSalesList() {
    try (Browser b = Browser.open(server.port())) {
      b.run("back-office", () -> look(b));
    }
  }

  private static void look(Browser b) {
    b.go("/back-office.html");
    b.visible("#login-staff");
    b.waitForFocus("login-staff");
    b.keys("max", Keys.TAB, RetailServer.DEMO_MANAGER_PIN, Keys.ENTER);
    b.visible("body[data-loaded=true]");

    assertThat(b.waitForText("#today-sales", "1")).contains("Sales");
    assertThat(b.waitForText("#today-gross", "46.47 EUR")).isNotEmpty();
    assertThat(b.waitForText("#today-journal", "verified")).doesNotContain("BROKEN");

    // the chart: 30 bars, today's the sale's net, the 29 days before it empty
    String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
    List<WebElement> bars = b.waitForCount("#daily-chart rect.bar", 30);
    WebElement last = bars.get(29);
    assertThat(last.getAttribute("data-day")).isEqualTo(today);
    assertThat(last.getAttribute("data-net")).isEqualTo("46.47");
    assertThat(last.getAttribute("class")).isEqualTo("bar");
    assertThat(bars.subList(0, 29))
        .allSatisfy(r -> assertThat(r.getAttribute("data-net")).isEqualTo("0"));
    assertThat(Double.parseDouble(last.getAttribute("height"))).isGreaterThan(100);

    assertThat(b.waitForText("#products-top", "TEE-M")).contains("39.98 EUR");
    assertThat(b.waitForText("#journal-verified", "Verified")).contains("1 entries");
    // a level at or below the threshold is highlighted: 20 T-shirts less 2 sold is 18, above 10;
    // 10.000 kg of Gouda is at it
    assertThat(
            b.driver()
                .findElement(By.cssSelector("#stock-table tr[data-sku=GOUDA]"))
                .getAttribute("class"))
        .isEqualTo("low");
    assertThat(
            b.driver()
                .findElement(By.cssSelector("#stock-table tr[data-sku=TEE-M]"))
                .getAttribute("class"))
        .isEmpty();
    if (Browser.updateScreenshots()) {
      b.driver().manage().window().setSize(new Dimension(1280, 1700)); // the panels down to stock
      b.screenshot(Browser.docsImages().resolve("back-office.png"));
    }

    // the drafted order, approved from the page
    assertThat(b.waitForText("#po-table", "DRAFTED")).contains("kiln").contains("MUG × ");
    assertThat(b.driver().findElement(By.cssSelector("#stock-table tr[data-sku=MUG]")).getText())
        .endsWith("9 (low)");
    b.driver().findElement(By.cssSelector("#po-table .approve")).click();
    assertThat(b.waitForText("#po-table", "APPROVED")).doesNotContain("DRAFTED");

    b.driver()
        .findElement(
            By.cssSelector("#sales-table tr[data-number='" + receiptNumber + "'] .view-receipt"))
        .click();
    assertThat(b.waitForText("#receipt-total", "46.47 EUR")).contains("TOTAL");
    assertThat(b.waitForText("#receipt-change", "3.53 EUR")).contains("Change"); // 50.00 - 46.47
  }
}
