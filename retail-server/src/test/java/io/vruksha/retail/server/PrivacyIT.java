package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The privacy findings of the security review, as regression tests on the server running as the
 * application role (row-level security on, no read of {@code audit_log}): the erasure rule of
 * {@link CustomerErasureContract}; every audit row names the member of staff whose token made the
 * change, not {@code engine}; and once a customer is anonymised no table of the database holds
 * their name, e-mail or tax id any more — the audit trail's copies included.
 */
class PrivacyIT extends CustomerErasureContract {

  private PostgresDatabase owner;

  @Override
  protected RetailServer startServer() {
    RetailServer started = PostgresServerIT.postgres();
    owner = TestDatabase.anotherPool(2); // reads what the application role may not
    return started;
  }

  @AfterEach
  void closeOwner() {
    owner.close();
  }

  private List<String> audit(String entity, String id) {
    return owner
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT changed_by FROM audit_log WHERE entity = :e AND entity_id = :id"
                            + " ORDER BY id")
                    .bind("e", entity)
                    .bind("id", id)
                    .mapTo(String.class)
                    .list());
  }

  private int byEngine() {
    return owner
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM audit_log WHERE changed_by = 'engine'")
                    .mapTo(Integer.class)
                    .one());
  }

  @Test
  void auditRowsNameTheMemberOfStaffWhoseTokenMadeTheChange() {
    int seeded = byEngine(); // the demo seed's, written by the owner before the server started
    String max = client.loginPassword("max", "demo-manager-1");
    // a staff change and a customer's life, as the manager
    ok(
        client.post(
            DEMO + "/staff",
            max,
            Map.of("staffId", "cara", "name", "Cara", "role", "CASHIER", "pin", "5827")),
        201);
    register(DEMO, max, "c-7", "Ada Lovelace", "ada@example.org");
    ok(client.post(DEMO + "/customers/c-7/anonymise", max, null), 200);
    assertThat(audit("staff", "cara")).containsExactly("max");
    assertThat(audit("customer", "c-7")).containsExactly("max", "max");

    // a new product and a price change need a token for every store: the admin's subject
    ok(
        client.post(
            "/api/v1/products",
            all,
            Map.of(
                "id",
                "socks",
                "name",
                "Socks",
                "category",
                "apparel",
                "taxCategory",
                "standard",
                "variants",
                List.of(
                    Map.of(
                        "sku",
                        "SOCKS",
                        "name",
                        "Socks",
                        "unit",
                        "EACH",
                        "barcodes",
                        List.of(ServerContract.ean13("400638133401")))))),
        201);
    assertThat(audit("product", "socks")).containsExactly("admin");
    ok(
        client.post(
            "/api/v1/price-lists/retail/prices",
            all,
            Map.of("sku", "SOCKS", "price", TestClient.money("3.50"))),
        201);
    List<String> priceChangedBy =
        owner
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT changed_by FROM price_history WHERE sku = 'SOCKS'")
                        .mapTo(String.class)
                        .list());
    assertThat(priceChangedBy).containsExactly("admin");
    assertThat(byEngine()).as("audit rows that name no one").isEqualTo(seeded);
  }

  @Test
  void anonymisingLeavesTheCustomerInNoTableOfTheDatabase() {
    String max = client.loginPassword("max", "demo-manager-1");
    ok(
        client.post(
            DEMO + "/customers",
            max,
            Map.of(
                "customerId",
                "c-9",
                "name",
                "Grace Hopper",
                "email",
                "grace@example.org",
                "marketingConsent",
                true,
                "taxId",
                "US-TAX-0042")),
        201);
    // a sale earns her points, and the loyalty reaction notifies her by e-mail
    String anna = client.loginPin("anna", "4826");
    String shiftId =
        ok(
                client.post(
                    DEMO + "/shifts",
                    anna,
                    Map.of("registerId", "till-9", "openingFloat", TestClient.money("100.00"))),
                201)
            .data()
            .get("id")
            .asText();
    ok(
        client.post(
            DEMO + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "2")),
                "customerId",
                "c-9",
                "shiftId",
                shiftId,
                "tenders",
                List.of(Map.of("type", "CASH", "amount", TestClient.money("20.00")))),
            "till-9:0001"),
        201);
    try {
      ServerContract.await(
          () -> tablesHolding("grace@example.org").contains("notifications"),
          "the points notification to her address");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertThat(tablesHolding("grace@example.org"))
        .containsExactlyInAnyOrder("audit_log", "customers", "notifications");

    ok(client.post(DEMO + "/customers/c-9/anonymise", max, null), 200);

    for (String personal : List.of("Grace Hopper", "grace@example.org", "US-TAX-0042")) {
      assertThat(tablesHolding(personal)).as(personal).isEmpty();
    }
    // the trail itself stays: two rows, by the manager, with the customer's id
    assertThat(audit("customer", "c-9")).containsExactly("max", "max");
  }

  @Test
  void theApplicationRoleScrubsOnlyAnAnonymisedCustomersRowsAndOnlyThroughTheFunction() {
    String max = client.loginPassword("max", "demo-manager-1");
    register(DEMO, max, "c-live", "Linus Live", "linus@example.org");
    try (PostgresDatabase app = TestDatabase.appPool()) {
      // a customer on the books: the function rewrites nothing
      int scrubbed =
          app.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT audit_forget_customer('c-live')")
                          .mapTo(Integer.class)
                          .one());
      assertThat(scrubbed).isZero();
      // and the role can neither rewrite nor read the trail itself
      for (String sql :
          List.of(
              "UPDATE audit_log SET before = NULL WHERE entity_id = 'c-live'",
              "SELECT count(*) FROM audit_log")) {
        Throwable refused =
            Assertions.catchThrowable(
                () -> app.jdbi().useHandle(h -> h.createUpdate(sql).execute()));
        assertThat(refused).as(sql).isNotNull();
        assertThat(rootMessage(refused)).as(sql).contains("permission denied");
      }
    }
    assertThat(tablesHolding("linus@example.org")).contains("audit_log");
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  /** The tables of the schema with a row whose text holds {@code text}, read as the owner. */
  private List<String> tablesHolding(String text) {
    return owner
        .jdbi()
        .withHandle(
            h -> {
              List<String> holding = new ArrayList<>();
              for (String table :
                  h.createQuery(
                          "SELECT table_name FROM information_schema.tables"
                              + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                              + " ORDER BY table_name")
                      .mapTo(String.class)
                      .list()) {
                boolean found =
                    h.createQuery(
                            "SELECT EXISTS (SELECT FROM \"" + table + "\" t WHERE t::text LIKE :p)")
                        .bind("p", "%" + text + "%")
                        .mapTo(Boolean.class)
                        .one();
                if (found) {
                  holding.add(table);
                }
              }
              return holding;
            });
  }
}
