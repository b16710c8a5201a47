package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.server.TestClient.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Look-ups by what is on paper, over HTTP: a sale, return or invoice by its number, sales by time,
 * customer, register, shift and status, a register's open shift; and the query parameters a route
 * does not declare, or in the wrong format, refused with a 400 naming them.
 */
class LookupsTest {

  private static final String DEMO = "/api/v1/stores/demo";
  private static RetailServer server;
  private static TestClient client;
  private static String anna;
  private static String max;
  private static String till1;
  private static JsonNode first;
  private static JsonNode second;
  private static JsonNode third;
  private static JsonNode returned;

  @BeforeAll
  static void threeSalesOnTwoTillsAndAReturn() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    anna = client.loginPin("anna", RetailServer.DEMO_CASHIER_PIN);
    max = client.loginPassword("max", "demo-manager-1");
    ok(
        client.post(
            DEMO + "/customers",
            anna,
            Map.of("customerId", "c-1", "name", "Ada", "marketingConsent", false)),
        201);
    till1 = openShift("till-1");
    String till2 = openShift("till-2");
    first = sell(till1, null, "k-1");
    second = sell(till1, "c-1", "k-2");
    third = sell(till2, "c-1", "k-3");
    returned =
        ok(
                client.post(
                    DEMO + "/returns",
                    max,
                    Map.of(
                        "saleId",
                        first.get("id").asText(),
                        "lines",
                        List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
                    "r-1"),
                201)
            .data();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String openShift(String register) {
    return ok(
            client.post(
                DEMO + "/shifts",
                anna,
                Map.of("registerId", register, "openingFloat", money("100.00"))),
            201)
        .data()
        .get("id")
        .asText();
  }

  private static JsonNode sell(String shiftId, String customer, String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("lines", List.of(Map.of("code", "MUG", "quantity", "1")));
    body.put("shiftId", shiftId);
    body.put("tenders", List.of(Map.of("type", "CASH", "amount", money("10.00"))));
    if (customer != null) {
      body.put("customerId", customer);
    }
    return ok(client.post(DEMO + "/sales", anna, body, key), 201).data();
  }

  private static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  private static List<String> saleNumbers(String query) {
    return ok(client.get(DEMO + "/sales" + query, anna), 200).data().findValuesAsText("number");
  }

  private static String number(JsonNode sale) {
    return sale.get("number").asText();
  }

  @Test
  void aSaleIsFoundByItsReceiptNumber() {
    assertThat(saleNumbers("?number=" + number(second))).containsExactly(number(second));
    assertThat(saleNumbers("?number=S001-1999-000001")).isEmpty();
  }

  @Test
  void salesAreFilteredByRegisterShiftCustomerAndStatusNewestFirst() {
    assertThat(saleNumbers("")).containsExactly(number(third), number(second), number(first));
    assertThat(saleNumbers("?register=till-1")).containsExactly(number(second), number(first));
    assertThat(saleNumbers("?register=till-9")).isEmpty();
    assertThat(saleNumbers("?shiftId=" + till1)).containsExactly(number(second), number(first));
    assertThat(saleNumbers("?customerId=c-1")).containsExactly(number(third), number(second));
    assertThat(saleNumbers("?customerId=c-1&register=till-1")).containsExactly(number(second));
    assertThat(saleNumbers("?status=RETURNED")).containsExactly(number(first));
    assertThat(saleNumbers("?status=SOLD")).containsExactly(number(third), number(second));
    assertThat(saleNumbers("?limit=1")).containsExactly(number(third));
  }

  @Test
  void everySaleSaysWhetherGoodsCameBackAsTheStatusFilterFindsIt() {
    // the first sale has a return against it; the sale it answered at checkout was still SOLD
    assertThat(first.get("status").asText()).isEqualTo("SOLD");
    JsonNode all = ok(client.get(DEMO + "/sales", anna), 200).data();
    assertThat(all.findValuesAsText("status")).containsExactly("SOLD", "SOLD", "RETURNED");
    assertThat(
            ok(client.get(DEMO + "/sales/" + first.get("id").asText(), anna), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("RETURNED");
    assertThat(
            ok(client.get(DEMO + "/sales?status=RETURNED", anna), 200)
                .data()
                .findValuesAsText("status"))
        .containsExactly("RETURNED");
  }

  @Test
  void salesAreFilteredByDaysInTheStoreZoneOrByInstants() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
    assertThat(saleNumbers("?from=" + today + "&to=" + today)).hasSize(3);
    assertThat(saleNumbers("?to=" + today.minusDays(1))).isEmpty();
    assertThat(saleNumbers("?from=" + today.plusDays(1))).isEmpty();
    String at = second.get("at").asText();
    // from is inclusive, to exclusive
    assertThat(saleNumbers("?from=" + at)).containsExactly(number(third), number(second));
    assertThat(saleNumbers("?to=" + at)).containsExactly(number(first));
  }

  @Test
  void aReturnAndAnInvoiceAreFoundByTheirNumbers() {
    String creditNote = returned.get("creditNoteNumber").asText();
    assertThat(
            ok(client.get(DEMO + "/returns?number=" + creditNote, anna), 200)
                .data()
                .findValuesAsText("id"))
        .containsExactly(returned.get("id").asText());
    assertThat(ok(client.get(DEMO + "/returns?number=C001-1999-000001", anna), 200).data())
        .isEmpty();
    assertThat(
            ok(client.get(DEMO + "/returns?saleId=" + second.get("id").asText(), anna), 200).data())
        .isEmpty();
    assertThat(
            ok(client.get(DEMO + "/invoices?number=" + number(second), max), 200)
                .data()
                .findValuesAsText("number"))
        .containsExactly(number(second));
  }

  @Test
  void aRegistersOpenShiftIsListedAndOpeningAnotherNamesIt() {
    assertThat(
            ok(client.get(DEMO + "/shifts?register=till-1&status=OPEN", anna), 200)
                .data()
                .findValuesAsText("id"))
        .containsExactly(till1);
    assertThat(ok(client.get(DEMO + "/shifts?status=CLOSED", anna), 200).data()).isEmpty();
    assertThat(ok(client.get(DEMO + "/shifts", anna), 200).data()).hasSize(2);
    Response again =
        client.post(
            DEMO + "/shifts",
            anna,
            Map.of("registerId", "till-1", "openingFloat", money("100.00")));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("error").asText()).contains(till1);
    assertThat(again.body().get("shiftId").asText()).isEqualTo(till1);
  }

  @Test
  void anUndeclaredQueryParameterIsRefusedNamingIt() {
    Response r = client.get(DEMO + "/sales?numbr=S001", anna);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("request.unknown_parameter");
    assertThat(r.body().get("details").get(0).asText()).isEqualTo("numbr");
    assertThat(r.body().get("error").asText()).contains("numbr", "number", "limit");
    Response none = client.get(DEMO + "/sales/" + first.get("id").asText() + "?x=1", anna);
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body().get("error").asText()).contains("takes none");
  }

  @Test
  void aDeclaredQueryParameterInTheWrongFormatIsRefusedNamingIt() {
    for (String bad :
        List.of(
            "?limit=0",
            "?limit=1001",
            "?limit=ten",
            "?status=returned",
            "?from=24.11.2026",
            "?to=2026-11-24T09:00:00",
            "?limit=1&limit=2")) {
      Response r = client.get(DEMO + "/sales" + bad, anna);
      assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
      assertThat(r.body().get("details").get(0).asText())
          .as(bad)
          .isEqualTo(bad.substring(1, bad.indexOf('=')));
    }
    assertThat(client.get(DEMO + "/shifts?status=open", anna).status()).isEqualTo(400);
  }
}
