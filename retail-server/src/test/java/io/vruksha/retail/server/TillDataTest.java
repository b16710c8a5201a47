package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.json.CanonicalJson;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.sync.TillData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /stores/{storeId}/till-data}: the store's reference data in the stored-document JSON
 * form, versioned by the SHA-256 of its canonical content; the version changes when a price
 * changes, and only then.
 */
class TillDataTest {

  private static final String TILL_DATA = "/api/v1/stores/demo/till-data";

  private RetailServer server;
  private TestClient client;
  private String anna;

  @BeforeEach
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    anna = client.loginPin("anna", "4826");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response tillData(String ifNoneMatch) {
    return client.send(
        "GET",
        TILL_DATA,
        anna,
        null,
        ifNoneMatch == null ? Map.of() : Map.of("If-None-Match", ifNoneMatch));
  }

  private String version() {
    Response r = tillData(null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body().get("version").asText();
  }

  private void setMugPrice(String price) {
    server
        .engine()
        .useStore(
            DemoStore.ID,
            () ->
                server
                    .engine()
                    .priceBook()
                    .setPrice(
                        PriceListId.of("retail"),
                        Sku.of("MUG"),
                        UnitPrice.of(price, "EUR"),
                        Instant.now(),
                        "test"));
  }

  private String mugPrice() {
    return server.engine().priceBook().entries(Sku.of("MUG"), DemoStore.ID, DemoStore.EUR).stream()
        .filter(e -> e.list().id().equals(PriceListId.of("retail")))
        .map(e -> e.price().amount().toPlainString())
        .findFirst()
        .orElseThrow(() -> new AssertionError("the demo store sells MUG on the retail list"));
  }

  @Test
  void aCashierReadsTheStoresReferenceDataWithItsVersionAsETag() throws Exception {
    Response r = tillData(null);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    String version = r.body().get("version").asText();
    assertThat(version).matches("[0-9a-f]{64}");
    assertThat(r.header("ETag")).isEqualTo('"' + version + '"');
    assertThat(r.body().get("store").get("id").get("value").asText()).isEqualTo("demo");
    assertThat(r.body().get("products").size()).isGreaterThan(3);
    assertThat(r.body().get("prices").findValuesAsText("value")).contains("MUG");
    assertThat(r.body().get("taxRules").size()).isEqualTo(1);
    assertThat(r.body().get("taxRules").toString()).contains("DE19");

    // the body is the engine's records: it reads back as them, and they hash to the version
    ObjectNode content = (ObjectNode) r.body().deepCopy();
    content.remove("version");
    TillData data = DocumentJson.read(content.toString(), TillData.class);
    assertThat(data.store().id()).isEqualTo(DemoStore.ID);
    assertThat(data.prices()).extracting(PriceEntry::sku).contains(Sku.of("MUG"));
    assertThat(CanonicalJson.sha256(data)).isEqualTo(version);
  }

  @Test
  void theVersionIsStableAndAMatchingIfNoneMatchIsAnsweredNotModified() {
    String version = version();
    assertThat(version()).isEqualTo(version);

    Response again = tillData('"' + version + '"');
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.text()).isEmpty();
    assertThat(again.header("ETag")).isEqualTo('"' + version + '"');

    Response other = tillData("\"" + "0".repeat(64) + "\", W/\"" + version + "\"");
    assertThat(other.status()).as("one of several tags, weak or not, matches").isEqualTo(304);
    assertThat(tillData("\"" + "0".repeat(64) + "\"").status()).isEqualTo(200);
  }

  @Test
  void theVersionChangesWhenAPriceChangesAndOnlyThen() {
    String before = version();
    String price = mugPrice();

    // a sale, its stock movements and its journal entry are not reference data
    Response shift =
        client.post(
            "/api/v1/stores/demo/shifts",
            anna,
            Map.of("registerId", "till-1", "openingFloat", TestClient.money("100.00")));
    assertThat(shift.status()).as(shift.toString()).isEqualTo(201);
    Response sale =
        client.post(
            "/api/v1/stores/demo/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG")),
                "shiftId",
                shift.data().get("id").asText(),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", TestClient.money("20.00")))),
            "till-data-sale-1");
    assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
    assertThat(version()).isEqualTo(before);

    // the same price again: the content is the same, so is the version
    setMugPrice(price);
    assertThat(version()).isEqualTo(before);

    setMugPrice("5.49");
    String after = version();
    assertThat(after).isNotEqualTo(before);
    Response changed = tillData('"' + before + '"');
    assertThat(changed.status()).as("the till's old version is no longer current").isEqualTo(200);
    assertThat(changed.body().get("version").asText()).isEqualTo(after);

    // back to the old price: back to the old content, and to its version
    setMugPrice(price);
    assertThat(version()).isEqualTo(before);
  }

  @Test
  void anUnknownStoreIsNotFound() {
    Response r = client.get("/api/v1/stores/nowhere/till-data", server.demoToken().orElseThrow());
    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("resource.not_found");
  }
}
