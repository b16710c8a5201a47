package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.server.TestClient.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read and who may erase the chain's customers (docs/security.md): any member of staff of
 * any store reads any customer (a loyalty member shops at every till); only a manager of the store
 * that registered the customer, or an admin with a token for every store, anonymises them; anyone
 * else gets 403 and the customer stays as they were. Each adapter family runs it on its own server.
 */
abstract class CustomerErasureContract {

  static final String DEMO = "/api/v1/stores/demo";
  static final String NORTH = "/api/v1/stores/north";

  protected RetailServer server;
  protected TestClient client;
  protected String all;

  /** A server holding the demo store and its staff (admin, max, anna). */
  protected abstract RetailServer startServer();

  @BeforeEach
  void start() {
    server = startServer();
    client = new TestClient(server);
    all = server.demoToken().orElseThrow();
    ok(
        client.post(
            "/api/v1/stores",
            all,
            Map.of("id", "north", "name", "North", "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    ok(
        client.post(
            NORTH + "/staff",
            all,
            Map.of(
                "staffId", "nora", "name", "Nora", "role", "MANAGER", "password", "north-pass-1")),
        201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  /** Creates a customer through {@code store}'s path, which registers them there. */
  Response register(String storePath, String token, String id, String name, String email) {
    return ok(
        client.post(
            storePath + "/customers",
            token,
            Map.of("customerId", id, "name", name, "email", email, "marketingConsent", true)),
        201);
  }

  String nameOf(String id) {
    return ok(client.get(DEMO + "/customers/" + id, all), 200).data().get("name").asText();
  }

  @Test
  void anyStoresStaffReadsTheChainsCustomers() {
    String max = client.loginPassword("max", "demo-manager-1");
    String nora = client.loginPassword("nora", "north-pass-1");
    String anna = client.loginPin("anna", "4826");
    register(NORTH, nora, "c-nils", "Nils North", "nils@example.org");
    assertThat(
            ok(client.get(DEMO + "/customers/c-nils", anna), 200)
                .data()
                .get("registeredAt")
                .asText())
        .isEqualTo("north");
    register(DEMO, max, "c-demo", "Dora Demo", "dora@example.org");
    assertThat(ok(client.get(NORTH + "/customers/c-demo", nora), 200).data().get("name").asText())
        .isEqualTo("Dora Demo");
  }

  @Test
  void aManagerAnonymisesTheCustomersTheirStoreRegisteredAndNoOneElses() {
    String max = client.loginPassword("max", "demo-manager-1");
    String nora = client.loginPassword("nora", "north-pass-1");
    register(NORTH, nora, "c-nils", "Nils North", "nils@example.org");
    register(DEMO, max, "c-demo", "Dora Demo", "dora@example.org");

    // demo's manager, through demo's path: refused, naming no store of the customer's
    Response refused = client.post(DEMO + "/customers/c-nils/anonymise", max, null);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("auth.forbidden");
    assertThat(refused.text()).doesNotContain("north");
    // and through north's path the token may not go at all
    assertThat(client.post(NORTH + "/customers/c-nils/anonymise", max, null).status())
        .isEqualTo(403);
    assertThat(nameOf("c-nils")).isEqualTo("Nils North");
    // north's manager may not erase demo's customer either
    assertThat(client.post(NORTH + "/customers/c-demo/anonymise", nora, null).status())
        .isEqualTo(403);
    assertThat(nameOf("c-demo")).isEqualTo("Dora Demo");
    // a cashier of the registering store is below the route's role
    String anna = client.loginPin("anna", "4826");
    assertThat(client.post(DEMO + "/customers/c-demo/anonymise", anna, null).status())
        .isEqualTo(403);
    assertThat(nameOf("c-demo")).isEqualTo("Dora Demo");

    // each store's manager erases their own store's customer
    assertThat(
            ok(client.post(NORTH + "/customers/c-nils/anonymise", nora, null), 200)
                .data()
                .get("anonymised")
                .asBoolean())
        .isTrue();
    ok(client.post(DEMO + "/customers/c-demo/anonymise", max, null), 200);
    assertThat(nameOf("c-nils")).isEqualTo("anonymised");
    assertThat(nameOf("c-demo")).isEqualTo("anonymised");
  }

  @Test
  void aChainAdminAnonymisesAnyCustomerThoseOfNoRecordedStoreIncluded() {
    String nora = client.loginPassword("nora", "north-pass-1");
    String max = client.loginPassword("max", "demo-manager-1");
    register(NORTH, nora, "c-nils", "Nils North", "nils@example.org");
    // a customer from before registering stores were recorded: no store's manager may erase them
    server
        .engine()
        .customers()
        .customers()
        .create(Customer.of("c-old", "Olga Old", Instant.parse("2025-01-01T00:00:00Z")));
    assertThat(client.post(DEMO + "/customers/c-old/anonymise", max, null).status()).isEqualTo(403);
    assertThat(client.post(NORTH + "/customers/c-old/anonymise", nora, null).status())
        .isEqualTo(403);
    assertThat(nameOf("c-old")).isEqualTo("Olga Old");

    // the admin with a token for every store, through any store's path
    ok(client.post(DEMO + "/customers/c-nils/anonymise", all, null), 200);
    ok(client.post(NORTH + "/customers/c-old/anonymise", all, null), 200);
    assertThat(nameOf("c-nils")).isEqualTo("anonymised");
    assertThat(nameOf("c-old")).isEqualTo("anonymised");
  }

  @Test
  void anonymisingForgetsTheContactOfTheirOrdersAndTheNameOnTheirBookingsInEveryStore() {
    String max = client.loginPassword("max", "demo-manager-1");
    String anna = client.loginPin("anna", "4826");
    register(DEMO, max, "c-gh", "Grace Hopper", "grace@example.org");
    ok(
        client.post(
            DEMO + "/orders",
            anna,
            Map.of(
                "orderId",
                "kiosk-gh",
                "channel",
                "KIOSK",
                "customerId",
                "c-gh",
                "contact",
                "grace@example.org",
                "lines",
                List.of(Map.of("sku", "MUG", "quantity", "1")))),
        201);
    // a guest's order: no customer to tie it to, so it keeps its contact
    ok(
        client.post(
            DEMO + "/orders",
            anna,
            Map.of(
                "orderId",
                "kiosk-guest",
                "channel",
                "KIOSK",
                "contact",
                "guest@example.org",
                "lines",
                List.of(Map.of("sku", "MUG", "quantity", "1")))),
        201);
    ok(
        client.post(
            DEMO + "/curbside/slots",
            max,
            Map.of(
                "slotId",
                "s-gh",
                "start",
                "2030-01-02T16:00:00Z",
                "end",
                "2030-01-02T16:30:00Z",
                "capacity",
                2)),
        201);
    for (String[] booking : new String[][] {{"b-gh", "kiosk-gh"}, {"b-guest", "kiosk-guest"}}) {
      ok(
          client.post(
              DEMO + "/curbside/bookings",
              anna,
              Map.of(
                  "bookingId",
                  booking[0],
                  "slotId",
                  "s-gh",
                  "customerName",
                  "Grace Hopper",
                  "orderId",
                  booking[1])),
          201);
    }

    // the chain's admin erases her through another store's path: her orders are demo's
    ok(client.post(NORTH + "/customers/c-gh/anonymise", all, null), 200);

    assertThat(order("kiosk-gh", anna).get("contact").asText()).isEqualTo("anonymised");
    assertThat(booking("b-gh", anna).get("customerName").asText()).isEqualTo("anonymised");
    assertThat(order("kiosk-guest", anna).get("contact").asText()).isEqualTo("guest@example.org");
    assertThat(booking("b-guest", anna).get("customerName").asText()).isEqualTo("Grace Hopper");
    // again: nothing changes, nothing fails
    ok(client.post(DEMO + "/customers/c-gh/anonymise", max, null), 200);
    assertThat(order("kiosk-gh", anna).get("contact").asText()).isEqualTo("anonymised");
  }

  private JsonNode order(String id, String token) {
    return ok(client.get(DEMO + "/orders/" + id, token), 200).data();
  }

  private JsonNode booking(String id, String token) {
    return ok(client.get(DEMO + "/curbside/bookings/" + id, token), 200).data();
  }
}
