package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.server.TestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tax rules with a levy, a threshold, a rate on top and the inclusive split over HTTP: set, read
 * back, and the levy shown as its own part of a priced line.
 */
class TaxRulesApiTest {

  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private String admin;

  @BeforeEach
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static final String RULES =
      "{\"code\":\"DE\",\"name\":\"Germany\",\"pricesIncludeTax\":true,"
          + "\"inclusiveSplit\":\"ROUND_NET\",\"rules\":["
          + "{\"category\":\"standard\",\"treatment\":\"STANDARD\","
          + "\"rates\":[{\"code\":\"DE19\",\"name\":\"MwSt 19%\",\"rate\":\"0.19\"}],"
          + "\"levies\":[{\"code\":\"PFAND025\",\"name\":\"Pfand\","
          + "\"amount\":{\"amount\":\"0.25\",\"currency\":\"EUR\"},\"taxedAs\":\"standard\"}]},"
          + "{\"category\":\"reduced\",\"treatment\":\"STANDARD\","
          + "\"rates\":[{\"code\":\"DE7\",\"name\":\"MwSt 7%\",\"rate\":\"0.07\","
          + "\"threshold\":{\"kind\":\"AT_OR_ABOVE\",\"amount\":\"1000.00\"}},"
          + "{\"code\":\"S1\",\"name\":\"Surcharge 1%\",\"rate\":\"0.01\","
          + "\"inclusion\":\"ON_TOP\"}]}]}";

  @Test
  void aLevyAThresholdAndTheSplitAreSetReadBackAndPriced() {
    Response put = client.send("PUT", DEMO + "/tax-rules", admin, RULES, Map.of());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);

    JsonNode read = client.get(DEMO + "/tax-rules", admin).data();
    assertThat(read.get("inclusiveSplit").asText()).isEqualTo("ROUND_NET");
    assertThat(read.toString())
        .contains("\"PFAND025\"", "\"ON_TOP\"", "\"AT_OR_ABOVE\"", "\"1000.00\"");

    // one mug at 4.99 including 19% (VAT 0.7967 -> 0.80) plus a 0.25 deposit (VAT 0.0399 -> 0.04)
    Response priced =
        client.post(
            DEMO + "/baskets/price", admin, Map.of("lines", List.of(Map.of("code", "MUG"))));
    assertThat(priced.status()).as(priced.toString()).isEqualTo(200);
    JsonNode line = priced.data().get("lines").get(0);
    assertThat(line.get("total").get("amount").asText()).isEqualTo("5.24");
    assertThat(line.get("tax").get("amount").asText()).isEqualTo("0.84");
    JsonNode levy = line.get("levies").get(0);
    assertThat(levy.get("code").asText()).isEqualTo("PFAND025");
    assertThat(levy.get("charged").get("amount").asText()).isEqualTo("0.25");
    assertThat(levy.get("tax").get("amount").asText()).isEqualTo("0.04");
    assertThat(priced.data().get("total").get("amount").asText()).isEqualTo("5.24");
    assertThat(priced.data().get("totalRounding").get("amount").asText()).isEqualTo("0.00");
    // the breakdown shows the rate with its base: 4.19 + 0.21 = 4.40, VAT 0.84
    JsonNode row = priced.data().get("taxBreakdown").get(0);
    assertThat(row.get("taxableBase").get("amount").asText()).isEqualTo("4.40");
    assertThat(row.get("tax").get("amount").asText()).isEqualTo("0.84");
  }

  @Test
  void anUnknownInclusionIs400AndChangesNothing() {
    String before = client.get(DEMO + "/tax-rules", admin).data().toString();
    Response r =
        client.send(
            "PUT",
            DEMO + "/tax-rules",
            admin,
            RULES.replace("\"inclusion\":\"ON_TOP\"", "\"inclusion\":\"SOMETIMES\""),
            Map.of());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().toString()).contains("rules.rates.inclusion");
    assertThat(client.get(DEMO + "/tax-rules", admin).data().toString()).isEqualTo(before);
  }

  @Test
  void roundNetWithDocumentRoundingIsRefused() {
    Response r =
        client.send(
            "PUT",
            DEMO + "/tax-rules",
            admin,
            RULES.replace(
                "\"inclusiveSplit\":\"ROUND_NET\",",
                "\"inclusiveSplit\":\"ROUND_NET\",\"roundingLevel\":\"DOCUMENT\","),
            Map.of());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("tax.rule_invalid");
  }
}
