package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The till in a real browser, by keyboard alone, on a demo server: log in, open the register, scan
 * three items (one a scale label) and a code the catalogue does not know, pay cash, read the
 * receipt, return a line with a supervisor's approval, and close the shift with its Z report.
 */
class BrowserTillIT {

  private static RetailServer server;

  @BeforeAll
  static void start() {
    if (!Browser.installed()) {
      return; // each test says why it is skipped
    }
    server = RetailServer.start(DemoServerTest.config(), Map.of());
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
  void aCashierSellsReturnsAndClosesTheShiftWithTheKeyboardAlone() {
    try (Browser b = Browser.open(server.port())) {
      b.run("till", () -> sellReturnAndClose(b));
    }
  }

  @Test
  void aCashierSearchesParksKeysAnApprovedPriceAttachesACustomerAndSplitsThePayment() {
    try (Browser b = Browser.open(server.port())) {
      b.run("till-split", () -> searchParkApproveSplit(b));
    }
  }

  private static void searchParkApproveSplit(Browser b) {
    b.go("/");
    b.visible("#login-staff");
    b.waitForFocus("login-staff");
    b.keys("anna", Keys.TAB, RetailServer.DEMO_CASHIER_PIN, Keys.ENTER);
    b.visible("#shift-float");
    b.waitForFocus("shift-float");
    // a register of its own, so the other test's till-1 is left alone
    b.keys(Keys.chord(Keys.SHIFT, Keys.TAB), Keys.chord(Keys.CONTROL, "a"), "till-2");
    b.keys(Keys.TAB, Keys.chord(Keys.CONTROL, "a"), "50.00", Keys.ENTER);
    b.waitForFocus("scan");

    b.keys(Keys.F3, "stoneware", Keys.ENTER); // search by name, Enter takes the first hit
    b.waitForCount("#lines tr.line", 1);
    b.waitForFocus("scan");
    b.keys("*"); // the quantity of the selected (last) line
    b.visible("#prompt-dialog");
    b.keys(Keys.chord(Keys.CONTROL, "a"), "3", Keys.ENTER);
    // 3 × 4.99 = 14.97; "3 mugs for 10.00"
    b.waitForText("#total", "10.00 EUR");
    assertThat(b.waitForText("#promotions", "3 mugs for 10.00")).isNotEmpty();

    b.keys(Keys.F4); // park
    b.waitForCount("#lines tr.line", 0);
    assertThat(b.waitForText("#sale-msg", "parked")).isNotEmpty();
    b.keys(Keys.F6); // resume
    b.visible("#parked-dialog");
    b.keys(Keys.ENTER); // the focus starts on the first parked cart
    b.waitForCount("#lines tr.line", 1);
    b.waitForText("#total", "10.00 EUR");

    b.scan("4006381333948"); // filter coffee, 6.49
    b.waitForText("#total", "16.49 EUR");
    b.keys("%"); // a keyed price needs a supervisor
    b.visible("#prompt-dialog");
    b.keys(Keys.chord(Keys.CONTROL, "a"), "5.00", Keys.ENTER);
    b.visible("#approval-dialog");
    assertThat(b.waitForText("#approval-reason", "override")).isNotEmpty();
    b.waitForFocus("approval-staff");
    b.keys("max", Keys.TAB, RetailServer.DEMO_MANAGER_PIN, Keys.ENTER);
    b.waitForText("#total", "15.00 EUR"); // 10.00 + 5.00
    assertThat(b.waitForText("#lines tr[data-sku=COFFEE]", "keyed price")).contains("5.00");

    b.waitForFocus("scan");
    b.keys(Keys.F7); // a new loyalty customer
    b.visible("#prompt-dialog");
    b.keys("C-100", Keys.ENTER);
    b.waitForText("#prompt-title", "New customer C-100");
    b.keys("Ada Lovelace", Keys.ENTER);
    assertThat(b.waitForText("#customer-info", "C-100")).contains("0 points");

    b.waitForFocus("scan");
    b.keys(Keys.F2); // 5.00 by card, the rest in cash
    b.visible("#pay-dialog");
    b.waitForFocus("pay-type");
    b.keys(Keys.ARROW_DOWN, Keys.TAB, "5.00", Keys.INSERT);
    b.waitForText("#pay-due", "10.00 EUR");
    b.keys("20.00", Keys.ENTER);
    assertThat(b.waitForText("#receipt-total", "15.00 EUR")).isNotEmpty();
    assertThat(b.waitForText("#receipt-change", "10.00 EUR")).isNotEmpty(); // 20.00 - 10.00
    String receipt = b.driver().findElement(By.id("receipt")).getText();
    assertThat(receipt).contains("Card terminal-").contains("Cash\n10.00 EUR");
    // the keyed price was approved by max: the sale is his; the customer earns points
    assertThat(receipt)
        .contains("cashier max")
        .containsPattern("Customer C-100: points earned\n[1-9]");
  }

  private static void sellReturnAndClose(Browser b) {
    b.go("/");
    b.visible("#login-staff");
    b.waitForFocus("login-staff");
    b.keys("anna", Keys.TAB, RetailServer.DEMO_CASHIER_PIN, Keys.ENTER);

    b.visible("#shift-float");
    b.waitForFocus("shift-float");
    b.keys(Keys.chord(Keys.CONTROL, "a"), "100.00", Keys.ENTER);

    b.visible("#scan");
    b.waitForFocus("scan");
    b.scan("4006381333931"); // Organic T-shirt M, EAN-13: 19.99
    b.waitForCount("#lines tr.line", 1);
    b.scan("96385074"); // Stoneware mug, EAN-8: 4.99
    b.waitForCount("#lines tr.line", 2);
    // a scale label, prefix 23: item 00042 (Gouda, 12.99/kg), 00250 g, check digit 4
    b.scan("2300042002504");
    b.waitForCount("#lines tr.line", 3);
    // 0.250 kg × 12.99 = 3.2475, 3.25 on the label's line; 19.99 + 4.99 + 3.25 = 28.23
    assertThat(b.waitForText("#total", "28.23 EUR")).isEqualTo("28.23 EUR");
    assertThat(b.driver().findElement(By.cssSelector("#lines tr[data-sku=GOUDA]")).getText())
        .contains("Gouda (per kg)")
        .contains("0.250 kg")
        .contains("3.25");

    // a code the catalogue does not know: refused in the engine's words, at the line, not kept
    b.scan("999");
    assertThat(b.waitForText("#lines tr.line-error", "999"))
        .contains("no product has the SKU or barcode '999'");
    b.waitForCount("#lines tr.line", 3);
    assertThat(b.driver().findElement(By.id("total")).getText()).isEqualTo("28.23 EUR");
    if (Browser.updateScreenshots()) {
      b.screenshot(Browser.docsImages().resolve("till.png"));
    }

    b.keys(Keys.F2); // pay
    b.visible("#pay-dialog");
    b.waitForFocus("pay-type");
    b.waitForText("#pay-due", "28.23 EUR");
    b.keys(Keys.TAB, "50.00", Keys.ENTER); // the customer hands over 50.00
    String receipt = b.waitForText("#receipt-total", "28.23 EUR");
    assertThat(receipt).contains("TOTAL");
    // 50.00 - 28.23 = 21.77
    assertThat(b.waitForText("#receipt-change", "21.77 EUR")).contains("Change");
    String number = b.driver().findElement(By.id("receipt-number")).getText();
    assertThat(number).matches("S\\d{3}-\\d{4}-\\d{6}");
    b.keys(Keys.ENTER); // new sale
    b.waitForFocus("scan");
    b.waitForCount("#lines tr.line", 0);

    b.keys(Keys.F8); // return against the receipt
    b.visible("#return-dialog");
    b.waitForFocus("return-number");
    b.keys(number, Keys.ENTER);
    b.waitForCount("#return-lines .return-qty", 3);
    b.driver().findElement(By.cssSelector("#return-lines .return-qty[data-line='1']")).click();
    b.keys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.chord(Keys.CONTROL, Keys.ENTER));
    // a cashier may not refund: the server says so, and a supervisor approves with their PIN
    b.visible("#approval-dialog");
    assertThat(b.waitForText("#approval-reason", "SUPERVISOR")).contains("CASHIER");
    b.waitForFocus("approval-staff");
    b.keys("max", Keys.TAB, RetailServer.DEMO_MANAGER_PIN, Keys.ENTER);
    assertThat(b.waitForText("#return-msg", "refunded"))
        .matches("Credit note C\\d{3}-\\d{4}-\\d{6}: 4.99 EUR refunded to CASH");
    b.keys(Keys.ESCAPE);
    b.waitForFocus("scan");

    b.keys(Keys.F10); // X report, then close the shift
    b.visible("#report-dialog");
    // 100.00 float + 28.23 sold - 4.99 refunded = 123.24
    assertThat(b.waitForText("#x-report", "123.24 EUR")).contains("Expected cash");
    b.driver().findElement(By.id("close-counted")).click();
    b.keys("123.24", Keys.ENTER);
    String z = b.waitForText("#z-report", "Z report Z");
    assertThat(z).contains("Over / short").contains("0.00 EUR").contains("Gross sales\n28.23 EUR");
    assertThat(b.driver().findElement(By.id("report-sales")).getText()).endsWith("1");
    b.keys(Keys.ESCAPE);
    b.visible("#shift-float"); // the register is closed: the next shift starts with its float
  }
}
