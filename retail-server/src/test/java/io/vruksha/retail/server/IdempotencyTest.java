package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StoreId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code Idempotency-Key}: a retried sale is the same sale, a key reused for another sale is
 * refused, a burst of one key sells once; and the per-token rate limit answers 429 with {@code
 * Retry-After}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {

  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private String token;

  /** The server under test: demo mode here, PostgreSQL in the *IT subclass. */
  protected RetailServer startServer() {
    return RetailServer.start(DemoServerTest.config(), Map.of());
  }

  @BeforeAll
  void start() {
    server = startServer();
    client = new TestClient(server);
    token = server.demoToken().orElseThrow();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static Map<String, Object> sale(String sku, String quantity) {
    return Map.of(
        "lines",
        List.of(Map.of("code", sku, "quantity", quantity)),
        "tenders",
        List.of(Map.of("type", "CASH", "amount", money("50.00"))));
  }

  private JsonNode sales() {
    Response r = client.get(DEMO + "/sales", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.data();
  }

  private int onHand(String sku) {
    return client.get(DEMO + "/stock/" + sku, token).data().get("level").get("onHand").asInt();
  }

  private int returns() {
    return client.get(DEMO + "/returns", token).data().size();
  }

  private static Response created(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  @Test
  void theSameSaleTwiceWithOneKeyIsOneSale() {
    int sales = sales().size();
    int mugs = onHand("MUG");
    JsonNode first =
        created(client.post(DEMO + "/sales", token, sale("MUG", "2"), "till-1:0001")).data();
    JsonNode again =
        created(client.post(DEMO + "/sales", token, sale("MUG", "2"), "till-1:0001")).data();
    assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
    assertThat(again.get("number").asText()).isEqualTo(first.get("number").asText());
    assertThat(again.get("journalHash").asText()).isEqualTo(first.get("journalHash").asText());
    assertThat(again.get("change")).isEqualTo(first.get("change"));
    assertThat(sales()).hasSize(sales + 1);
    assertThat(sales().findValuesAsText("id")).containsOnlyOnce(first.get("id").asText());
    assertThat(onHand("MUG")).isEqualTo(mugs - 2);
    // a different cashier's till replaying the key gets the same sale too
    String anna = client.loginPin("anna", "4826");
    JsonNode third =
        created(client.post(DEMO + "/sales", anna, sale("MUG", "2"), "till-1:0001")).data();
    assertThat(third.get("id").asText()).isEqualTo(first.get("id").asText());
    assertThat(sales()).hasSize(sales + 1);
    assertThat(onHand("MUG")).isEqualTo(mugs - 2);
  }

  @Test
  void aKeyReusedForAnotherSaleIsRefused() {
    JsonNode first =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "till-1:0002")).data();
    int sales = sales().size();
    int mugs = onHand("MUG");
    int tees = onHand("TEE-M");
    for (Map<String, Object> other :
        List.of(
            sale("MUG", "3"),
            sale("TEE-M", "1"),
            Map.<String, Object>of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "1")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("20.00")))))) {
      Response r = client.post(DEMO + "/sales", token, other, "till-1:0002");
      assertThat(r.status()).as(r.toString()).isEqualTo(422);
      assertThat(r.code()).isEqualTo("idempotency.key_reused");
      assertThat(r.body().has("data")).isFalse();
      assertThat(r.text()).doesNotContain(first.get("id").asText());
    }
    assertThat(sales()).hasSize(sales);
    assertThat(onHand("MUG")).isEqualTo(mugs);
    assertThat(onHand("TEE-M")).isEqualTo(tees);
    // and the original request with its key still answers the original sale
    JsonNode again =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "till-1:0002")).data();
    assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
  }

  @Test
  void sixteenAtOnceWithOneKeySellOnce() throws Exception {
    int sales = sales().size();
    int mugs = onHand("MUG");
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return client.post(DEMO + "/sales", token, sale("MUG", "2"), "burst-0001");
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : futures) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }
      List<Response> sold = answers.stream().filter(r -> r.status() == 201).toList();
      assertThat(sold).as("at least one sells").isNotEmpty();
      for (Response r : answers) {
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
        if (r.status() == 409) {
          assertThat(r.code()).as(r.toString()).isEqualTo("idempotency.in_flight");
        }
      }
      Set<String> ids =
          sold.stream().map(r -> r.data().get("id").asText()).collect(Collectors.toSet());
      assertThat(ids).as("every 201 is the same sale").hasSize(1);
      Set<String> numbers =
          sold.stream().map(r -> r.data().get("number").asText()).collect(Collectors.toSet());
      assertThat(numbers).hasSize(1);
      assertThat(sales()).hasSize(sales + 1);
      assertThat(sales().findValuesAsText("id")).containsOnlyOnce(ids.iterator().next());
      assertThat(onHand("MUG")).isEqualTo(mugs - 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoKeysAreTwoSalesWithConsecutiveNumbers() {
    int sales = sales().size();
    int mugs = onHand("MUG");
    JsonNode a =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "till-1:0003")).data();
    JsonNode b =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "till-1:0004")).data();
    assertThat(b.get("id").asText()).isNotEqualTo(a.get("id").asText());
    String na = a.get("number").asText();
    String nb = b.get("number").asText();
    String prefix = na.substring(0, na.lastIndexOf('-') + 1);
    assertThat(nb).startsWith(prefix);
    assertThat(Long.parseLong(nb.substring(prefix.length())))
        .isEqualTo(Long.parseLong(na.substring(prefix.length())) + 1);
    assertThat(sales()).hasSize(sales + 2);
    assertThat(onHand("MUG")).isEqualTo(mugs - 2);
  }

  @Test
  void theSameKeyInAnotherStoreIsNotDemosSale() {
    // the key is scoped to the store: another store's till may happen to pick the same key
    created(
        client.post(
            "/api/v1/stores",
            token,
            Map.of("id", "second", "name", "Second", "currency", "EUR", "zone", "Europe/Berlin")));
    JsonNode demo =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "shared-1")).data();
    int sales = sales().size();
    Response second =
        client.post("/api/v1/stores/second/sales", token, sale("MUG", "1"), "shared-1");
    // whatever the second store answers (it has no tax rules), it is not demo's sale
    assertThat(second.status()).as(second.toString()).isLessThan(500);
    assertThat(second.text()).doesNotContain(demo.get("id").asText());
    assertThat(sales()).hasSize(sales);
  }

  @Test
  void aReturnRetriedWithItsKeyRefundsOnce() {
    JsonNode sold =
        created(client.post(DEMO + "/sales", token, sale("MUG", "2"), "till-1:0005")).data();
    int returns = returns();
    int mugs = onHand("MUG");
    Map<String, Object> back =
        Map.of(
            "saleId",
            sold.get("id").asText(),
            "lines",
            List.of(Map.of("line", 0, "quantity", "1", "restock", true)));
    JsonNode first = created(client.post(DEMO + "/returns", token, back, "till-1:r-0001")).data();
    JsonNode again = created(client.post(DEMO + "/returns", token, back, "till-1:r-0001")).data();
    assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
    assertThat(again.get("refund")).isEqualTo(first.get("refund"));
    assertThat(returns()).isEqualTo(returns + 1);
    assertThat(onHand("MUG")).isEqualTo(mugs + 1);
  }

  @Test
  void aReturnKeyReusedForAnotherReturnIsRefused() {
    JsonNode sold =
        created(client.post(DEMO + "/sales", token, sale("MUG", "3"), "till-1:0006")).data();
    String saleId = sold.get("id").asText();
    created(
        client.post(
            DEMO + "/returns",
            token,
            Map.of(
                "saleId",
                saleId,
                "lines",
                List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
            "till-1:r-0002"));
    Response other =
        client.post(
            DEMO + "/returns",
            token,
            Map.of(
                "saleId",
                saleId,
                "lines",
                List.of(Map.of("line", 0, "quantity", "2", "restock", true))),
            "till-1:r-0002");
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(other.code()).isEqualTo("idempotency.key_reused");
  }

  @Test
  void aReturnKeyReusedAgainstAnotherSaleIsRefused() {
    String a =
        created(client.post(DEMO + "/sales", token, sale("MUG", "1"), "till-1:0007"))
            .data()
            .get("id")
            .asText();
    String b =
        created(client.post(DEMO + "/sales", token, sale("TEE-M", "1"), "till-1:0008"))
            .data()
            .get("id")
            .asText();
    Map<String, Object> line = Map.of("line", 0, "quantity", "1", "restock", true);
    created(
        client.post(
            DEMO + "/returns",
            token,
            Map.of("saleId", a, "lines", List.of(line)),
            "till-1:r-0003"));
    Response second =
        client.post(
            DEMO + "/returns", token, Map.of("saleId", b, "lines", List.of(line)), "till-1:r-0003");
    assertThat(second.status()).as(second.toString()).isEqualTo(422);
    assertThat(second.code()).isEqualTo("idempotency.key_reused");
  }

  @Test
  void theSixthRequestInAMinuteIsRateLimited() {
    ServerConfig limited =
        ServerConfig.from(Map.of("JWT_SECRET", DemoServerTest.SECRET, "RATE_LIMIT_PER_TOKEN", "5"))
            .withPort(0);
    try (RetailServer own = RetailServer.start(limited, Map.of())) {
      TestClient c = new TestClient(own);
      String t = own.demoToken().orElseThrow();
      for (int i = 0; i < 5; i++) {
        Response ok = c.get(DEMO + "/sales", t);
        assertThat(ok.status()).as("request " + (i + 1) + ": " + ok).isEqualTo(200);
        assertThat(ok.header("Retry-After")).isNull();
      }
      Response sixth = c.get(DEMO + "/sales", t);
      assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
      assertThat(sixth.code()).isEqualTo("rate_limited");
      assertThat(sixth.body().has("data")).isFalse();
      String retryAfter = sixth.header("Retry-After");
      assertThat(retryAfter).isNotNull();
      assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
      // a write is limited as well, and sells nothing
      Response write = c.post(DEMO + "/sales", t, sale("MUG", "1"), "limited-1");
      assertThat(write.status()).as(write.toString()).isEqualTo(429);
      assertThat(write.header("Retry-After")).isNotNull();
      assertThat(own.engine().sales().list(StoreId.of("demo"))).isEmpty();
      // the limit is per token: another token is not held back
      String other =
          own.context()
              .tokens()
              .issueService(
                  "admin", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofMinutes(5));
      assertThat(c.get(DEMO + "/sales", other).status()).isEqualTo(200);
    }
  }
}
