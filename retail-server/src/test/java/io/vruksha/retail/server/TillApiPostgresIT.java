package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.auth.DemoStaff;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresUnitOfWork;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.sync.TillDocument;
import io.vruksha.retail.sync.TillDocumentsOf;
import io.vruksha.retail.sync.TillScenarios;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A till's documents over HTTP to a server on PostgreSQL running as the application role (row-level
 * security on, neither superuser nor owner): 33 documents (30 sales, 2 returns, a Z report) in
 * batches of 7, one sent twice and one overlapping, land once; a gap is 409, a tampered entry 422,
 * a cashier 403; the role may append a till's entries but never change one.
 */
class TillApiPostgresIT {

  private static final String TILLS = "/api/v1/stores/demo/tills/T01";

  private RetailServer server;
  private TestClient client;
  private PostgresDatabase owner;
  private String service;

  @BeforeEach
  void start() {
    server = PostgresServerIT.postgres();
    client = new TestClient(server);
    owner = TestDatabase.anotherPool(2);
    service =
        server
            .context()
            .tokens()
            .issueService("till-T01", Role.SUPERVISOR, Set.of("demo"), Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
    owner.close();
  }

  private Response send(List<TillDocument> documents) {
    return client.post(
        TILLS + "/documents", service, "{\"documents\":" + DocumentJson.write(documents) + "}");
  }

  private long count(String sql) {
    return owner.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void batchesSentTwiceOrOverlappingLandOnceAsTheApplicationRole() {
    RetailEngine till = TillScenarios.thirtySalesTwoReturnsAndAShift();
    List<TillDocument> docs = TillDocumentsOf.of(till, DemoStore.ID);
    int received = 0;
    int duplicates = 0;
    for (int[] b : new int[][] {{1, 7}, {8, 14}, {8, 14}, {12, 18}, {19, 25}, {26, 32}, {33, 33}}) {
      Response r = send(TillScenarios.slice(docs, b[0], b[1]));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      received += r.data().get("received").asInt();
      duplicates += r.data().get("duplicates").asInt();
    }
    // 7 + 7 + 0 + 4 + 7 + 7 + 1 received; the resent 7 and the 3 overlapping are duplicates
    assertThat(received).isEqualTo(33);
    assertThat(duplicates).isEqualTo(10);
    Response at = client.get(TILLS + "/position", service);
    assertThat(at.data().get("acceptedUpTo").asLong()).isEqualTo(33);
    assertThat(at.data().get("lastHash").asText()).isEqualTo(docs.get(32).entry().hash());
    assertThat(count("SELECT count(*) FROM till_journal WHERE store_id = 'demo'")).isEqualTo(33);
    assertThat(
            count(
                "SELECT count(*) FROM fiscal_journal WHERE store_id = 'demo'"
                    + " AND number LIKE '%-T01-%'"))
        .isEqualTo(33);
    assertThat(
            count(
                "SELECT count(DISTINCT number) FROM fiscal_journal WHERE store_id = 'demo'"
                    + " AND number LIKE 'S001-T01-%'"))
        .isEqualTo(30);

    // the application role appends a till's entries; it cannot alter or delete one
    try (PostgresDatabase app = TestDatabase.appPool()) {
      assertThatThrownBy(
              () ->
                  app.jdbi()
                      .useTransaction(
                          h -> {
                            PostgresUnitOfWork.setStoreScope(h, Set.of("demo"));
                            h.execute("UPDATE till_journal SET content = '' WHERE sequence = 1");
                          }))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aGapIs409ATamperedEntry422AndACashier403() {
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 4; i++) {
      TillScenarios.sell(till, "s-" + i, "TEE-M", 1, Optional.empty());
    }
    List<TillDocument> docs = TillDocumentsOf.of(till, DemoStore.ID);
    assertThat(send(docs.subList(0, 1)).status()).isEqualTo(200);
    Response gap = send(docs.subList(2, 4));
    assertThat(gap.status()).as(gap.toString()).isEqualTo(409);
    assertThat(gap.code()).isEqualTo("till.sequence_gap");

    FiscalDocument e = docs.get(1).entry();
    TillDocument tampered =
        new TillDocument(
            "T01",
            2,
            new FiscalDocument(
                e.sequence(),
                e.store(),
                e.kind(),
                e.number(),
                e.issuedAt(),
                e.total(),
                e.tax(),
                e.content(),
                "1".repeat(64),
                e.hash()),
            docs.get(1).sale(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Response broken = send(List.of(tampered));
    assertThat(broken.status()).as(broken.toString()).isEqualTo(422);
    assertThat(broken.code()).isEqualTo("till.chain_broken");

    String anna = client.loginPin("anna", DemoStaff.CASHIER_PIN);
    assertThat(client.get(TILLS + "/position", anna).status()).isEqualTo(403);
    assertThat(client.get(TILLS + "/position", service).data().get("acceptedUpTo").asLong())
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM till_journal")).isEqualTo(1);
  }
}
