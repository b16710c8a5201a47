package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.OpenApiDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error codes of the OpenAPI document against the server, both ways. One way: every error any
 * test sees from a route is one the document lists for that route and status ({@link
 * DeclaredErrors}, called by {@link TestClient} on every answer, so every test holds it). The other
 * way, here: a sample of the declared codes, at least one per kind of refusal a till meets, is
 * provoked over HTTP and answered exactly as the document says (status and code), and the document
 * lists every error response with its codes as an enum.
 */
class DeclaredErrorsTest {

  private static final String DEMO = "/api/v1/stores/demo";
  private static RetailServer server;
  private static TestClient client;
  private static JsonNode doc;
  private static String admin;
  private static final List<String> PRODUCED = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
    doc = client.get("/openapi.json", null).body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Checks that {@code r} is {@code status} with {@code code}, and that the served document lists
   * that code under that status for the route {@code method routePath}.
   */
  private static void produces(
      Response r, String method, String routePath, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    JsonNode response =
        doc.path("paths")
            .path(routePath)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .path(Integer.toString(status));
    assertThat(response.isMissingNode())
        .as(method + " " + routePath + " lists " + status)
        .isFalse();
    assertThat(enumOf(response))
        .as(method + " " + routePath + " " + status + " codes")
        .contains(code);
    assertThat(response.path("description").asText()).contains(code);
    PRODUCED.add(method + " " + routePath + " " + status + " " + code);
  }

  private static List<String> enumOf(JsonNode response) {
    List<String> codes = new ArrayList<>();
    response
        .path("content")
        .path("application/json")
        .path("schema")
        .path("allOf")
        .forEach(
            part ->
                part.path("properties")
                    .path("code")
                    .path("enum")
                    .forEach(c -> codes.add(c.asText())));
    return codes;
  }

  private static String openShift(String register) {
    return client
        .post(
            DEMO + "/shifts", admin, Map.of("registerId", register, "openingFloat", money("50.00")))
        .data()
        .get("id")
        .asText();
  }

  private static Map<String, Object> sale(String sku, String quantity, String cash) {
    return Map.of(
        "lines",
        List.of(Map.of("code", sku, "quantity", quantity)),
        "tenders",
        List.of(Map.of("type", "CASH", "amount", money(cash))));
  }

  @Test
  void everyErrorResponseOfTheDocumentListsItsCodes() {
    int responses = 0;
    for (ApiRoute route : server.routes()) {
      JsonNode op =
          doc.path("paths").path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
      var declared = OpenApiDocument.errors(route);
      for (var e : declared.entrySet()) {
        JsonNode response = op.path("responses").path(Integer.toString(e.getKey()));
        assertThat(enumOf(response))
            .as(route.method() + " " + route.path() + " " + e.getKey())
            .containsExactlyElementsOf(e.getValue());
        responses++;
      }
      op.path("responses")
          .fieldNames()
          .forEachRemaining(
              status -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                  assertThat(declared).containsKey(Integer.parseInt(status));
                }
              });
    }
    assertThat(responses).isGreaterThan(500);
  }

  @Test
  void aCheckoutAnswersTheCodesItDeclares() {
    String sales = DEMO + "/sales";
    String route = "/api/v1/stores/{storeId}/sales";
    // MUG is 4.99 EUR: 1,000 of them are more than the demo store's 50 on hand
    produces(
        client.post(sales, admin, sale("MUG", "1000", "5000.00"), "de-1"),
        "POST",
        route,
        409,
        "stock.insufficient");
    produces(
        client.post(sales, admin, sale("NO-SUCH-SKU", "1", "5.00"), "de-2"),
        "POST",
        route,
        422,
        "catalog.sku_unknown");
    produces(
        client.post(sales, admin, sale("MUG", "1", "1.00"), "de-3"),
        "POST",
        route,
        422,
        "sale.tender_insufficient");
    produces(
        client.post(sales, admin, sale("MUG", "1.5", "10.00"), "de-4"),
        "POST",
        route,
        400,
        "quantity.precision");
    produces(
        client.post(sales, admin, sale("MUG", "1", "5.001"), "de-5"),
        "POST",
        route,
        400,
        "money.rounding_required");
    produces(
        client.post(sales, admin, sale("MUG", "1", "5.00")),
        "POST",
        route,
        400,
        "idempotency.key_required");
    assertThat(client.post(sales, admin, sale("MUG", "1", "5.00"), "de-6").status()).isEqualTo(201);
    produces(
        client.post(sales, admin, sale("MUG", "2", "10.00"), "de-6"),
        "POST",
        route,
        422,
        "idempotency.key_reused");
    Map<String, Object> onShift = new HashMap<>(sale("MUG", "1", "5.00"));
    onShift.put("shiftId", "no-such-shift");
    produces(client.post(sales, admin, onShift, "de-7"), "POST", route, 404, "resource.not_found");
    produces(
        client.post(sales, null, sale("MUG", "1", "5.00"), "de-8"),
        "POST",
        route,
        401,
        "auth.unauthenticated");
  }

  @Test
  void shiftsReturnsStockAndCartsAnswerTheCodesTheyDeclare() {
    String register = "till-declared";
    String shift = openShift(register);
    produces(
        client.post(
            DEMO + "/shifts",
            admin,
            Map.of("registerId", register, "openingFloat", money("50.00"))),
        "POST",
        "/api/v1/stores/{storeId}/shifts",
        409,
        "register.shift_state");
    produces(
        client.get(DEMO + "/shifts/no-such-shift/x-report", admin),
        "GET",
        "/api/v1/stores/{storeId}/shifts/{shiftId}/x-report",
        404,
        "resource.not_found");
    String sale =
        client
            .post(DEMO + "/sales", admin, sale("MUG", "1", "5.00"), "de-r-1")
            .data()
            .get("id")
            .asText();
    produces(
        client.get(DEMO + "/sales/no-such-sale", admin),
        "GET",
        "/api/v1/stores/{storeId}/sales/{saleId}",
        404,
        "resource.not_found");
    // one mug sold, two asked back
    produces(
        client.post(
            DEMO + "/returns",
            admin,
            Map.of(
                "saleId",
                sale,
                "lines",
                List.of(Map.of("line", 0, "quantity", "2", "restock", true))),
            "de-r-2"),
        "POST",
        "/api/v1/stores/{storeId}/returns",
        422,
        "return.invalid");
    produces(
        client.get(DEMO + "/stock/NO-SUCH-SKU", admin),
        "GET",
        "/api/v1/stores/{storeId}/stock/{sku}",
        422,
        "catalog.sku_unknown");
    produces(
        client.post(
            DEMO + "/stock/adjustments",
            admin,
            Map.of("sku", "MUG", "quantity", "-100000", "reason", "shrinkage")),
        "POST",
        "/api/v1/stores/{storeId}/stock/adjustments",
        409,
        "stock.insufficient");
    String cart = client.post(DEMO + "/carts", admin, null).data().get("id").asText();
    produces(
        client.post(DEMO + "/carts/" + cart + "/resume", admin, null),
        "POST",
        "/api/v1/stores/{storeId}/carts/{cartId}/resume",
        409,
        "register.shift_state");
    client.post(
        DEMO + "/shifts/" + shift + "/close",
        admin,
        Map.of("counted", Map.of("CASH", money("55.00"))));
    produces(
        client.post(
            DEMO + "/shifts/" + shift + "/close",
            admin,
            Map.of("counted", Map.of("CASH", money("55.00")))),
        "POST",
        "/api/v1/stores/{storeId}/shifts/{shiftId}/close",
        409,
        "register.shift_state");
    produces(
        client.send("DELETE", "/api/v1/promotions/no-such-promotion", admin, null, Map.of()),
        "DELETE",
        "/api/v1/promotions/{promotionId}",
        404,
        "resource.not_found");
    produces(
        client.get(DEMO + "/sales?numbr=S001", admin),
        "GET",
        "/api/v1/stores/{storeId}/sales",
        400,
        "request.unknown_parameter");
  }
}
