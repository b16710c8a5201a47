package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresStockLedger;
import io.vruksha.retail.postgres.PostgresStores;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The setup docs/security.md describes, probed as an attacker would: the server connects as a login
 * role in vruksha_app (row-level security on, neither superuser nor owner). Every finding of the
 * security review is a test here: the documented setup serves every route; a manager cannot take
 * over an admin; one store's cashier cannot touch another store's reservations; the role reads no
 * hash and resets no count; a superuser or owner start is refused unless allowed.
 */
class LeastPrivilegeIT {

  private static final StoreId NORTH = StoreId.of("north");
  private static final StockKey NORTH_MUG = StockKey.floor(NORTH, Sku.of("MUG"));
  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private PostgresDatabase owner;
  private String all;

  @BeforeEach
  void theServerAsTheApplicationRole() {
    server = PostgresServerIT.postgres();
    client = new TestClient(server);
    owner = TestDatabase.anotherPool(2);
    all = server.demoToken().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    owner.close();
  }

  static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  @Test
  void theServerReallyIsTheApplicationRole() {
    try (PostgresDatabase app = TestDatabase.appPool()) {
      assertThat(app.privilegedRole()).isEmpty();
    }
    assertThat(owner.privilegedRole()).get().asString().contains("superuser");
  }

  @Test
  void everyReportedRouteWorksAsTheApplicationRole() {
    // login with the right PIN was 401
    String anna = client.loginPin("anna", "4826");
    String max = client.loginPassword("max", "demo-manager-1");
    // stores: empty or 404 before
    JsonNode stores = ok(client.get("/api/v1/stores", all), 200).data();
    assertThat(stores).extracting(n -> n.get("id").asText()).containsExactly("demo");
    assertThat(ok(client.get(DEMO, anna), 200).data().get("name").asText()).isNotBlank();
    // stock: the demo store opens with 50 mugs on the floor
    JsonNode stock = ok(client.get(DEMO + "/stock", anna), 200).data();
    JsonNode mug = null;
    for (JsonNode level : stock) {
      if (level.get("sku").asText().equals("MUG")) {
        mug = level;
      }
    }
    assertThat(mug).as(stock.toString()).isNotNull();
    assertThat(new BigDecimal(mug.get("onHand").asText())).isEqualByComparingTo("50");
    // staff: admin, anna, max
    assertThat(ok(client.get(DEMO + "/staff", max), 200).data())
        .extracting(n -> n.get("staffId").asText())
        .containsExactly("admin", "anna", "max");
    assertThat(ok(client.get(DEMO + "/tax-rules", anna), 200).data()).isNotEmpty();
    // store creation was 503 (row-level security refused the row)
    ok(
        client.post(
            "/api/v1/stores",
            all,
            Map.of("id", "north", "name", "North", "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    assertThat(ok(client.get("/api/v1/stores", all), 200).data())
        .extracting(n -> n.get("id").asText())
        .containsExactly("demo", "north");
    assertThat(ok(client.get("/api/v1/stores/north", all), 200).data().get("currency").asText())
        .isEqualTo("EUR");
    // a demo token still lists only its own store
    assertThat(ok(client.get("/api/v1/stores", anna), 200).data())
        .extracting(n -> n.get("id").asText())
        .containsExactly("demo");
    ok(client.get(DEMO + "/reports/daily-sales", max), 200);
  }

  @Test
  void aManagerCannotDemoteOrRePasswordAnAdminOfTheirStore() {
    ok(
        client.post(
            DEMO + "/staff",
            all,
            Map.of("staffId", "boss", "name", "Boss", "role", "ADMIN", "password", "boss-pass-1")),
        201);
    String max = client.loginPassword("max", "demo-manager-1");
    Response takeover =
        client.post(
            DEMO + "/staff",
            max,
            Map.of(
                "staffId", "boss", "name", "Boss", "role", "MANAGER", "password", "max-owns-you"));
    assertThat(takeover.status()).as(takeover.toString()).isEqualTo(403);
    // the admin's password still works, and the admin is still an admin
    String boss = client.loginPassword("boss", "boss-pass-1");
    assertThat(ok(client.get(DEMO + "/staff", boss), 200).data())
        .filteredOn(n -> n.get("staffId").asText().equals("boss"))
        .extracting(n -> n.get("role").asText())
        .containsExactly("ADMIN");
    assertThat(
            client
                .post(
                    "/api/v1/auth/login",
                    null,
                    Map.of("staffId", "boss", "password", "max-owns-you"))
                .status())
        .isEqualTo(401);
  }

  @Test
  void aManagerCannotChangeAnAdminOfAnotherStoreEither() {
    new PostgresStores(owner).save(north());
    ok(
        client.post(
            "/api/v1/stores/north/staff",
            all,
            Map.of("staffId", "nboss", "name", "N", "role", "ADMIN", "password", "north-pass-1")),
        201);
    String max = client.loginPassword("max", "demo-manager-1");
    Response r =
        client.post(
            DEMO + "/staff",
            max,
            Map.of("staffId", "nboss", "name", "N", "role", "CASHIER", "password", "max-owns-you"));
    // refused as any staff id of another store is (409, below), naming neither store nor role:
    // a 403 "cannot change a ADMIN" told a manager that the id was another store's admin
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.text()).doesNotContain("ADMIN").doesNotContain("north");
    client.loginPassword("nboss", "north-pass-1");
    // a cashier of another store is taken, not moved: 409 and the cashier stays in north
    ok(
        client.post(
            "/api/v1/stores/north/staff",
            all,
            Map.of("staffId", "ncash", "name", "C", "role", "CASHIER", "pin", "2468")),
        201);
    Response moved =
        client.post(
            DEMO + "/staff",
            max,
            Map.of("staffId", "ncash", "name", "C", "role", "CASHIER", "pin", "1357"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(409);
    client.loginPin("ncash", "2468");
    // the admin's id and the cashier's id of another store get the same answer
    assertThat(moved.code()).isEqualTo(r.code());
    assertThat(moved.body().get("error").asText().replace("ncash", "ID"))
        .isEqualTo(r.body().get("error").asText().replace("nboss", "ID"));
  }

  @Test
  void aCashierOfOneStoreCannotReleaseOrReplaceAnotherStoresReservation() {
    new PostgresStores(owner).save(north());
    PostgresStockLedger ledger = new PostgresStockLedger(owner);
    ledger.move(
        NORTH_MUG, new BigDecimal("5"), MovementReason.RECEIPT, "r", "", Instant.EPOCH, false);
    Instant later = Instant.parse("2099-01-01T00:00:00Z");
    ledger.reserve("order:north:web-north-1:MUG", NORTH_MUG, BigDecimal.ONE, later);
    ledger.reserve("hold-1", NORTH_MUG, BigDecimal.ONE, later);
    String anna = client.loginPin("anna", "4826");

    // the predictable id of north's order: refused, north's reservation stays
    Response order =
        client.post(
            DEMO + "/stock/reservations",
            anna,
            Map.of(
                "reservationId", "order:north:web-north-1:MUG",
                "sku", "MUG",
                "quantity", "1",
                "expiresAt", "2099-01-01T00:00:00Z"));
    assertThat(order.status()).as(order.toString()).isEqualTo(403);
    // any other id of north's is demo's own id: demo reserves 1 of its own, north keeps its 2
    ok(
        client.post(
            DEMO + "/stock/reservations",
            anna,
            Map.of(
                "reservationId", "hold-1",
                "sku", "MUG",
                "quantity", "1",
                "expiresAt", "2099-01-01T00:00:00Z")),
        201);
    assertThat(ledger.level(NORTH_MUG).reserved()).isEqualByComparingTo("2");
    assertThat(ledger.level(StockKey.floor(StoreId.of("demo"), Sku.of("MUG"))).reserved())
        .isEqualByComparingTo("1");
    List<String> rows = new ArrayList<>();
    owner
        .jdbi()
        .useHandle(
            h ->
                rows.addAll(
                    h.createQuery(
                            "SELECT store_id || '/' || reservation_id FROM stock_reservations"
                                + " ORDER BY 1")
                        .mapTo(String.class)
                        .list()));
    assertThat(rows)
        .containsExactly("demo/hold-1", "north/hold-1", "north/order:north:web-north-1:MUG");
  }

  @Test
  void theApplicationRoleReadsNoHashAndResetsNoCount() {
    client.loginPin("anna", "4826");
    try (PostgresDatabase app = TestDatabase.appPool()) {
      for (String sql :
          List.of(
              "SELECT pin_hash FROM staff_credentials",
              "UPDATE staff_credentials SET failed_attempts = 0, locked_until = NULL",
              "DELETE FROM staff_credentials",
              "UPDATE staff_credentials SET token_version = 0, locked = false",
              "SELECT * FROM staff_login_sources",
              "DELETE FROM staff_login_sources",
              "DELETE FROM flyway_schema_history",
              "SELECT * FROM audit_log",
              "DELETE FROM audit_log")) {
        assertThatThrownBy(() -> app.jdbi().useHandle(h -> h.execute(sql)))
            .as(sql)
            .hasMessageContaining("permission denied");
      }
      // another store's secrets cannot be set from demo's scope (nor from none)
      assertThatThrownBy(
              () ->
                  app.jdbi()
                      .useHandle(h -> h.execute("SELECT staff_set_secrets('anna', 'x', NULL)")))
          .hasMessageContaining("no member of staff anna");
      // nor locked, unlocked or its tokens ended; the token version is all the role reads
      for (String sql :
          List.of(
              "SELECT staff_set_locked('anna', false, 'x')",
              "SELECT staff_next_token_version('anna')")) {
        assertThatThrownBy(() -> app.jdbi().useHandle(h -> h.execute(sql)))
            .as(sql)
            .hasMessageContaining("no member of staff anna");
      }
      Long version =
          app.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT staff_token_version('anna')").mapTo(Long.class).one());
      assertThat(version).isPositive();
    }
    // anna's PIN is as it was
    client.loginPin("anna", "4826");
  }

  @Test
  void fiveWrongPinsMakeTheRightOneWaitWithTheSameAnswerAndAManagerUnlocks() {
    Response wrongFirst =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "0001"));
    for (int i = 0; i < 5; i++) {
      assertThat(
              client
                  .post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "0000"))
                  .status())
          .isEqualTo(401);
    }
    Response waiting =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "4826"));
    assertThat(waiting.status()).isEqualTo(401);
    // a wait answers as a wrong PIN does: nothing tells the id exists or is held back
    assertThat(waiting.code()).isEqualTo(wrongFirst.code()).isEqualTo("auth.unauthenticated");
    assertThat(waiting.body().get("error")).isEqualTo(wrongFirst.body().get("error"));
    String max = client.loginPassword("max", RetailServer.DEMO_MANAGER_PASSWORD);
    assertThat(client.post("/api/v1/stores/demo/staff/anna/unlock", max, null).status())
        .isEqualTo(200);
    assertThat(client.loginPin("anna", "4826")).isNotBlank();
  }

  @Test
  void aSuperuserStartIsRefusedUnlessAllowedForDevelopment() {
    PostgresConfig pg = owner.config();
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", pg.host());
    env.put("DB_PORT", Integer.toString(pg.port()));
    env.put("DB_NAME", pg.database());
    env.put("DB_USER", pg.user());
    env.put("DB_PASSWORD", pg.password());
    env.put("DB_POOL_SIZE", "2");
    env.put("JWT_SECRET", "0123456789abcdef0123456789abcdef");
    env.put("PORT", "0");
    ServerConfig config = ServerConfig.from(env);
    assertThatThrownBy(() -> RetailServer.start(config, env))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("refusing to serve as " + pg.user())
        .hasMessageContaining("DB_ALLOW_OWNER");
    env.put("DB_ALLOW_OWNER", "true");
    try (RetailServer dev = RetailServer.start(config, env)) {
      assertThat(dev.port()).isPositive();
    }
  }

  private static Store north() {
    return new Store(
        NORTH, "North", Currency.getInstance("EUR"), ZoneId.of("Europe/Berlin"), CashRounding.NONE);
  }
}
