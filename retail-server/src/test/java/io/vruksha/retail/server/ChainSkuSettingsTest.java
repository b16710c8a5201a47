package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.server.TestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chain-wide settings of a SKU (gift-card products, warranty policies) refuse one store's admin
 * (403), a request without a SKU (400) and an unknown one ({@code SKU_UNKNOWN}), and change nothing
 * when they refuse.
 */
class ChainSkuSettingsTest {

  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private String everyStoreAdmin;
  private String demoAdmin;

  @BeforeEach
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    everyStoreAdmin = server.demoToken().orElseThrow();
    Response created =
        client.post(
            DEMO + "/staff",
            everyStoreAdmin,
            Map.of(
                "staffId",
                "olga",
                "name",
                "Olga",
                "role",
                "ADMIN",
                "password",
                "tundra-Lantern-58"));
    assertThat(created.status()).as(created.toString()).isIn(200, 201);
    demoAdmin = client.loginPassword("olga", "tundra-Lantern-58");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/gift-card-products, validityMonths, gift card SKUs",
    "/api/v1/warranty-policies, months, warranty policies"
  })
  void oneStoresAdminAMissingAndAnUnknownSkuAreRefusedAndNothingChanges(
      String route, String monthsField, String what) {
    Response storeAdmin = client.post(route, demoAdmin, Map.of("sku", "MUG", monthsField, 12));
    assertThat(storeAdmin.status()).as(storeAdmin.toString()).isEqualTo(403);
    assertThat(storeAdmin.code()).isEqualTo("auth.forbidden");
    assertThat(storeAdmin.body().toString())
        .contains(what + " serve every store: use a token for every store");

    Response missing = client.post(route, everyStoreAdmin, Map.of(monthsField, 12));
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("request.malformed");
    assertThat(missing.body().get("details").toString()).isEqualTo("[\"sku\"]");

    Response unknown =
        client.post(route, everyStoreAdmin, Map.of("sku", "NO-SUCH-SKU", monthsField, 12));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
    assertThat(unknown.body().toString()).contains("no SKU NO-SUCH-SKU in the catalogue");

    assertThat(server.engine().giftCards().book().product(Sku.of("MUG"))).isEmpty();
    assertThat(server.engine().warranties().book().policy(Sku.of("MUG"))).isEmpty();
  }
}
