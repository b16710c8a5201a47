package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.server.TestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One shape for each thing: a quantity is a decimal string in a cart as in a sale, a tender is
 * {@code type} both ways, a default refund comes back as the request's {@code ORIGINAL}, a field
 * left out "is required", and a quantity as a JSON number or in exponent form is refused as the
 * OpenAPI document's pattern says.
 */
class OneShapeTest {

  private static final String DEMO = "/api/v1/stores/demo";
  private static RetailServer server;
  private static TestClient client;
  private static String anna;
  private static String max;

  @BeforeAll
  static void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    anna = client.loginPin("anna", RetailServer.DEMO_CASHIER_PIN);
    max = client.loginPassword("max", "demo-manager-1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode sale(String key) {
    Response r =
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "2")),
                "tenders",
                List.of(Map.of("type", "CARD", "amount", money("9.98"), "reference", "t-1"))),
            key);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.data();
  }

  @Test
  void aCartLineShowsItsQuantityAsADecimalStringLikeASaleLine() {
    String cart = client.post(DEMO + "/carts", anna, null).data().get("id").asText();
    JsonNode line =
        client
            .post(DEMO + "/carts/" + cart + "/lines", anna, Map.of("code", "MUG", "quantity", "3"))
            .data()
            .get("lines")
            .get(0);
    assertThat(line.get("quantity").isTextual()).as(line.toString()).isTrue();
    assertThat(line.get("quantity").asText()).isEqualTo("3");
    assertThat(line.get("unit").asText()).isEqualTo("EACH");
    JsonNode saleLine = sale("shape-1").get("basket").get("lines").get(0);
    assertThat(saleLine.get("quantity").asText()).isEqualTo("2");
    assertThat(saleLine.get("unit").asText()).isEqualTo("EACH");
  }

  @Test
  void aTenderIsTypeInTheResponseAsInTheRequest() {
    JsonNode tender = sale("shape-2").get("tenders").get(0);
    assertThat(tender.get("type").asText()).isEqualTo("CARD");
    assertThat(tender.has("kind")).isFalse();
  }

  @Test
  void aDefaultRefundComesBackAsOriginalWithTheTenderItWentTo() {
    JsonNode sold = sale("shape-3");
    Response r =
        client.post(
            DEMO + "/returns",
            max,
            Map.of(
                "saleId",
                sold.get("id").asText(),
                "lines",
                List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
            "shape-r-3");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.data().get("refundTo").asText()).isEqualTo("ORIGINAL");
    assertThat(r.data().get("refundTender").asText()).isEqualTo("CARD");
  }

  @Test
  void aRequiredFieldLeftOutOrNullIsRequired() {
    JsonNode sold = sale("shape-4");
    for (String line :
        List.of(
            "{\"line\":0,\"quantity\":\"1\"}",
            "{\"line\":0,\"quantity\":\"1\",\"restock\":null}")) {
      Response r =
          client.post(
              DEMO + "/returns",
              max,
              "{\"saleId\":\"" + sold.get("id").asText() + "\",\"lines\":[" + line + "]}",
              "shape-r-4-" + line.length());
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.body().get("error").asText()).isEqualTo("field 'lines[0].restock' is required");
      assertThat(r.body().get("details").get(0).asText()).isEqualTo("lines[0].restock");
    }
  }

  @Test
  void aQuantityIsADecimalStringNotAJsonNumberNorAnExponent() {
    for (String quantity : List.of("2", "2.5", "\"1e3\"", "\"+1\"", "\"1.\"", "\" 1\"")) {
      Response r =
          client.post(
              DEMO + "/baskets/price",
              anna,
              "{\"lines\":[{\"code\":\"MUG\",\"quantity\":" + quantity + "}]}");
      assertThat(r.status()).as(quantity + ": " + r).isEqualTo(400);
      assertThat(r.body().get("details").get(0).asText()).isEqualTo("lines[0].quantity");
    }
    Response ok =
        client.post(
            DEMO + "/baskets/price", anna, "{\"lines\":[{\"code\":\"MUG\",\"quantity\":\"2\"}]}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
  }

  @Test
  void aTenderTypeOrRefundToOutsideItsValuesIsRefusedNamingThem() {
    Response r =
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG")),
                "tenders",
                List.of(Map.of("type", "cash", "amount", money("10.00")))),
            "shape-5");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("error").asText())
        .isEqualTo(
            "field 'tenders[0].type' must be one of CASH, CARD, POINTS, STORE_CREDIT, GIFT_CARD, BNPL, CRYPTO");
    Response refund =
        client.post(
            DEMO + "/returns",
            max,
            Map.of(
                "saleId",
                "x",
                "refundTo",
                "CARD",
                "lines",
                List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
            "shape-r-5");
    assertThat(refund.status()).isEqualTo(400);
    assertThat(refund.body().get("error").asText())
        .isEqualTo("field 'refundTo' must be one of ORIGINAL, STORE_CREDIT, GIFT_CARD");
  }
}
