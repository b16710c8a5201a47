package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.auth.DemoStaff;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.payment.simulated.SimulatedCardTerminal;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.stock.StockKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gift cards over HTTP on the demo store: a 25.00 card sold as a line, its code printed from the
 * issued route, a balance enquiry, a sale paid in part by it, a reload once per key, the manager's
 * listing (codes masked), ledger and cancellation, the cashier refused the manager's routes, wrong
 * codes answered 422 then 429, and the liability report.
 */
class GiftCardApiTest {

  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private String admin;
  private String anna;
  private String max;

  @BeforeEach
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
    anna = client.loginPin("anna", DemoStaff.CASHIER_PIN);
    max = client.loginPin("max", DemoStaff.MANAGER_PIN);
    var engine = server.engine();
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of("gift-card"))
                .name("Gift card 25")
                .category(CategoryId.of("home"))
                .taxCategory(DemoStore.STANDARD)
                .variant(Sku.of("GIFT-25"), "Gift card 25.00", UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of("GIFT-25"),
            UnitPrice.of("25.00", "EUR"),
            Instant.parse("2026-01-01T00:00:00Z"),
            "test");
    engine
        .stock()
        .receive(StockKey.floor(DemoStore.ID, Sku.of("GIFT-25")), BigDecimal.TEN, "blank cards");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCardIsSoldEnquiredSpentReloadedListedAndCancelled() {
    Response product =
        client.post(
            "/api/v1/gift-card-products", admin, Map.of("sku", "GIFT-25", "validityMonths", 36));
    assertThat(product.status()).as(product.toString()).isEqualTo(200);

    Response sold =
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "GIFT-25")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("25.00")))),
            "till-1:gc-1");
    assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
    String saleId = sold.data().get("id").asText();
    JsonNode issued = client.get(DEMO + "/issued-gift-cards/" + saleId, anna).data().get(0);
    String code = issued.get("code").asText();
    assertThat(code).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
    assertThat(issued.get("balance").get("amount").asText()).isEqualTo("25.00");

    Response balance = client.post(DEMO + "/gift-cards/balance", anna, Map.of("code", code));
    assertThat(balance.status()).as(balance.toString()).isEqualTo(200);
    assertThat(balance.data().get("balance").get("amount").asText()).isEqualTo("25.00");
    assertThat(balance.toString()).doesNotContain(code.replace(" ", ""));

    // 2 mugs: 9.98, of which 5.00 from the card and 4.98 in cash
    Response paid =
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "2")),
                "tenders",
                List.of(
                    Map.of("type", "GIFT_CARD", "reference", code, "amount", money("5.00")),
                    Map.of("type", "CASH", "amount", money("4.98")))),
            "till-1:gc-2");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    JsonNode giftTender = paid.data().get("tenders").get(1);
    assertThat(giftTender.get("type").asText()).isEqualTo("GIFT_CARD");
    assertThat(giftTender.get("reference").asText()).isEqualTo("**** " + code.substring(15));

    Map<String, Object> reload =
        Map.of("code", code, "amount", money("10.00"), "reference", "pay-1");
    Response reloaded = client.post(DEMO + "/gift-cards/reload", anna, reload, "rl-1");
    Response again = client.post(DEMO + "/gift-cards/reload", anna, reload, "rl-1");
    // 25.00 - 5.00 + 10.00 = 30.00, once
    assertThat(reloaded.data().get("balance").get("amount").asText()).isEqualTo("30.00");
    assertThat(again.data().get("balance").get("amount").asText()).isEqualTo("30.00");

    assertThat(client.get(DEMO + "/gift-cards", anna).status()).isEqualTo(403);
    JsonNode listed = client.get(DEMO + "/gift-cards", max).data().get(0);
    assertThat(listed.get("maskedCode").asText()).isEqualTo("**** " + code.substring(15));
    assertThat(listed.toString()).doesNotContain(code.replace(" ", ""));
    String id = listed.get("id").asText();
    JsonNode ledger = client.get(DEMO + "/gift-cards/" + id, max).data().get("ledger");
    assertThat(ledger).hasSize(3);
    assertThat(ledger.get(1).get("kind").asText()).isEqualTo("REDEEM");
    assertThat(ledger.get(1).get("amount").get("amount").asText()).isEqualTo("-5.00");

    assertThat(client.post(DEMO + "/gift-cards/" + id + "/cancel", anna, Map.of(), "cx-1").status())
        .isEqualTo(403);
    Response cancelled = client.post(DEMO + "/gift-cards/" + id + "/cancel", max, Map.of(), "cx-1");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.data().get("status").asText()).isEqualTo("CANCELLED");

    // today: 25.00 sold, 5.00 redeemed, 10.00 reloaded, 30.00 cancelled -> 0.00
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
    Response report = client.get(DEMO + "/reports/gift-cards?from=" + today, max);
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    JsonNode day = report.data().get("days").get(0);
    assertThat(day.get("issued").get("amount").asText()).isEqualTo("25.00");
    assertThat(day.get("redeemed").get("amount").asText()).isEqualTo("5.00");
    assertThat(day.get("reloaded").get("amount").asText()).isEqualTo("10.00");
    assertThat(day.get("cancelled").get("amount").asText()).isEqualTo("30.00");
    assertThat(day.get("closing").get("amount").asText()).isEqualTo("0.00");
  }

  @Test
  void wrongCodesAre422ThenTheCallerIsLockedOutWith429() {
    for (int i = 0; i < 5; i++) {
      Response r =
          client.post(DEMO + "/gift-cards/balance", anna, Map.of("code", "4000 0000 0000 0002"));
      assertThat(r.status()).as(r.toString()).isEqualTo(422);
      assertThat(r.code()).isEqualTo("giftcard.invalid");
    }
    Response locked =
        client.post(DEMO + "/gift-cards/balance", anna, Map.of("code", "4000 0000 0000 0002"));
    assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
    assertThat(locked.code()).isEqualTo("giftcard.locked");
    // a manager lifts it
    assertThat(
            client.post(DEMO + "/gift-cards/unlock", max, Map.of("source", "staff:anna")).status())
        .isEqualTo(200);
    assertThat(
            client
                .post(DEMO + "/gift-cards/balance", anna, Map.of("code", "4000 0000 0000 0002"))
                .status())
        .isEqualTo(422);
  }

  @Test
  void aGiftCardCannotPayPartOfACheckoutThatWaitsForAProvider() {
    String code = soldCard("till-1:gc-p1");

    // 2 mugs: 9.98, 5.00 from the card and 4.98 by BNPL: refused, the card untouched
    Response refused =
        client.post(
            DEMO + "/payments/checkouts",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "2")),
                "tenders",
                List.of(
                    Map.of("type", "GIFT_CARD", "reference", code, "amount", money("5.00")),
                    Map.of("type", "BNPL", "amount", money("4.98"), "instrument", "approve"))),
            "till-1:gc-p2");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("sale.tender_invalid");
    assertThat(refused.body().get("error").asText())
        .contains("GIFT_CARD cannot be mixed with a payment through a provider");
    assertThat(client.get(DEMO + "/payments", max).data()).isEmpty();
    assertThat(
            client
                .post(DEMO + "/gift-cards/balance", anna, Map.of("code", code))
                .data()
                .get("balance")
                .get("amount")
                .asText())
        .isEqualTo("25.00");
  }

  @Test
  void aGiftCardSoldThroughAProviderIsActivatedWhenTheSaleCompletes() {
    client.post(
        "/api/v1/gift-card-products", admin, Map.of("sku", "GIFT-25", "validityMonths", 36));

    // the card terminal approves at once: the sale completes and its card is issued with it
    Response paid =
        client.post(
            DEMO + "/payments/checkouts",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "GIFT-25")),
                "tenders",
                List.of(
                    Map.of(
                        "type",
                        "CARD",
                        "amount",
                        money("25.00"),
                        "instrument",
                        SimulatedCardTerminal.APPROVE))),
            "till-1:gc-p3");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.data().get("status").asText()).isEqualTo("COMPLETED");
    String saleId = paid.data().get("saleId").asText();
    JsonNode issued = client.get(DEMO + "/issued-gift-cards/" + saleId, anna).data().get(0);
    assertThat(issued.get("balance").get("amount").asText()).isEqualTo("25.00");
    JsonNode card =
        client
            .post(DEMO + "/gift-cards/balance", anna, Map.of("code", issued.get("code").asText()))
            .data();
    assertThat(card.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(card.get("balance").get("amount").asText()).isEqualTo("25.00");
  }

  /** A 25.00 card sold for cash; answers its code. */
  private String soldCard(String key) {
    client.post(
        "/api/v1/gift-card-products", admin, Map.of("sku", "GIFT-25", "validityMonths", 36));
    Response sold =
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "GIFT-25")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("25.00")))),
            key);
    assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
    return client
        .get(DEMO + "/issued-gift-cards/" + sold.data().get("id").asText(), anna)
        .data()
        .get(0)
        .get("code")
        .asText();
  }
}
