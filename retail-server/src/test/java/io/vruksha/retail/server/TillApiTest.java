package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.auth.DemoStaff;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.sync.TillDocument;
import io.vruksha.retail.sync.TillDocumentsOf;
import io.vruksha.retail.sync.TillScenarios;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A till's documents over HTTP to the demo server: its position, batches taken once, a gap (409), a
 * tampered entry (422), a batch for another till or store (422), a malformed or too long body
 * (400), and who may call (401 without a token, 403 for a cashier or another store's staff).
 */
class TillApiTest {

  private static final String TILLS = "/api/v1/stores/demo/tills/T01";
  private static final String GENESIS = "0".repeat(64);

  private RetailServer server;
  private TestClient client;
  private String service;
  private String anna;
  private String max;
  private String otherStore;
  private List<TillDocument> docs;

  @BeforeEach
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    var tokens = server.context().tokens();
    service =
        tokens.issueService("till-T01", Role.SUPERVISOR, Set.of("demo"), Duration.ofMinutes(5));
    otherStore = tokens.issueService("ops", Role.ADMIN, Set.of("other"), Duration.ofMinutes(5));
    anna = client.loginPin("anna", DemoStaff.CASHIER_PIN);
    max = client.loginPin("max", DemoStaff.MANAGER_PIN);
    // the centre holds the last mug; the till, offline, sells 2 of them and 4 coffees
    server
        .engine()
        .stock()
        .adjust(StockKey.floor(DemoStore.ID, Sku.of("MUG")), new BigDecimal("-49"), "breakage");
    RetailEngine till = TillScenarios.till("T01");
    TillScenarios.sell(till, "s-1", "MUG", 2, Optional.empty());
    for (int i = 2; i <= 5; i++) {
      TillScenarios.sell(till, "s-" + i, "COFFEE", 1, Optional.empty());
    }
    docs = TillDocumentsOf.of(till, DemoStore.ID);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String batch(List<TillDocument> documents) {
    return "{\"documents\":" + DocumentJson.write(documents) + "}";
  }

  private Response send(String token, List<TillDocument> documents) {
    return client.post(TILLS + "/documents", token, batch(documents));
  }

  @Test
  void aTillsBatchesAreTakenOnceAndItsPositionFollows() {
    Response unknown = client.get(TILLS + "/position", service);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
    assertThat(unknown.data().get("till").asText()).isEqualTo("T01");
    assertThat(unknown.data().get("acceptedUpTo").asLong()).isZero();
    assertThat(unknown.data().get("lastHash").asText()).isEqualTo(GENESIS);

    Response first = send(service, docs.subList(0, 2));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.data().get("acceptedUpTo").asLong()).isEqualTo(2);
    assertThat(first.data().get("received").asInt()).isEqualTo(2);
    assertThat(first.data().get("duplicates").asInt()).isZero();
    // 1 mug at the centre, 2 sold offline: −1
    assertThat(first.data().get("oversold").toString())
        .isEqualTo("[{\"sku\":\"MUG\",\"onHand\":\"-1\"}]");

    Response again = send(max, docs.subList(0, 3));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.data().get("acceptedUpTo").asLong()).isEqualTo(3);
    assertThat(again.data().get("received").asInt()).isEqualTo(1);
    assertThat(again.data().get("duplicates").asInt()).isEqualTo(2);
    assertThat(again.data().get("oversold")).isEmpty();

    Response at = client.get(TILLS + "/position", service);
    assertThat(at.data().get("acceptedUpTo").asLong()).isEqualTo(3);
    assertThat(at.data().get("lastHash").asText()).isEqualTo(docs.get(2).entry().hash());
    assertThat(server.engine().sales().list(DemoStore.ID)).hasSize(3);
    Response tills = client.get("/api/v1/stores/demo/tills", max);
    assertThat(tills.data().get(0).get("till").asText()).isEqualTo("T01");
  }

  @Test
  void aGapIs409AndATamperedEntry422AndNothingOfThemIsApplied() {
    send(service, docs.subList(0, 2));
    Response gap = send(service, docs.subList(3, 5));
    assertThat(gap.status()).as(gap.toString()).isEqualTo(409);
    assertThat(gap.code()).isEqualTo("till.sequence_gap");
    assertThat(gap.body().get("error").asText()).contains("expects sequence 3");

    TillDocument third = docs.get(2);
    FiscalDocument e = third.entry();
    TillDocument tampered =
        new TillDocument(
            "T01",
            3,
            new FiscalDocument(
                e.sequence(),
                e.store(),
                e.kind(),
                e.number(),
                e.issuedAt(),
                e.total(),
                e.tax(),
                e.content(),
                e.previousHash(),
                "f".repeat(64)),
            third.sale(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Response broken = send(service, List.of(tampered));
    assertThat(broken.status()).as(broken.toString()).isEqualTo(422);
    assertThat(broken.code()).isEqualTo("till.chain_broken");
    assertThat(broken.body().get("error").asText()).contains("document 3 (S001-T01-2026-000003)");
    assertThat(client.get(TILLS + "/position", service).data().get("acceptedUpTo").asLong())
        .isEqualTo(2);
    assertThat(server.engine().sales().list(DemoStore.ID)).hasSize(2);
  }

  @Test
  void aBatchForAnotherTillOrStoreMalformedOrTooLongIsRefusedAndChangesNothing() {
    Response otherTill =
        client.post("/api/v1/stores/demo/tills/T02/documents", service, batch(docs));
    assertThat(otherTill.status()).as(otherTill.toString()).isEqualTo(422);
    assertThat(otherTill.code()).isEqualTo("validation.invalid");
    assertThat(otherTill.body().get("error").asText()).contains("not of store demo till T02");

    String admin = server.demoToken().orElseThrow();
    Response wrongStore =
        client.post("/api/v1/stores/other/tills/T01/documents", admin, batch(docs));
    assertThat(wrongStore.status()).as(wrongStore.toString()).isEqualTo(422);

    Response malformed = client.post(TILLS + "/documents", service, "{\"documents\": [ {");
    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("request.malformed");

    Response notDocuments =
        client.post(TILLS + "/documents", service, "{\"documents\": [{\"till\": \"T01\"}]}");
    assertThat(notDocuments.status()).as(notDocuments.toString()).isEqualTo(400);

    List<TillDocument> tooMany = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      tooMany.add(docs.get(0));
    }
    Response tooLong = send(service, tooMany);
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.code()).isEqualTo("validation.invalid");
    assertThat(tooLong.body().get("error").asText()).contains("1 to 200 documents, this one 201");

    Response badTill = client.get("/api/v1/stores/demo/tills/T-01/position", service);
    assertThat(badTill.status()).as(badTill.toString()).isEqualTo(400);

    assertThat(client.get(TILLS + "/position", service).data().get("acceptedUpTo").asLong())
        .isZero();
    assertThat(server.engine().sales().list(DemoStore.ID)).isEmpty();
  }

  @Test
  void onlyASupervisorOrAboveOfTheStoreOrItsServiceTokenMayCall() {
    assertThat(client.get(TILLS + "/position", null).status()).isEqualTo(401);
    assertThat(send(null, docs).status()).isEqualTo(401);
    assertThat(client.get(TILLS + "/position", anna).status()).isEqualTo(403);
    assertThat(send(anna, docs).status()).isEqualTo(403);
    assertThat(client.get(TILLS + "/position", otherStore).status()).isEqualTo(403);
    assertThat(send(otherStore, docs).status()).isEqualTo(403);
    assertThat(client.get(TILLS + "/position", max).status()).isEqualTo(200);
    assertThat(server.engine().sales().list(DemoStore.ID)).isEmpty();
  }
}
