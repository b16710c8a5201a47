package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A failing dependency is a 503 whose body says so without the dependency's own words (found with
 * {@code LongTextIT}: PostgreSQL's "index row size ... for index ... in relation ..." reached the
 * client); those stay in the log, under the request id the answer quotes.
 */
class UnavailableAnswerTest {

  private static final String INTERNAL =
      "ERROR: relation \"stores\" index \"stores_pkey\" SELECT * FROM stores";

  @Test
  void aDatabaseFailureIs503WithoutItsMessage() {
    Stores failing =
        new Stores() {
          @Override
          public void save(Store store) {
            throw new UnavailableException("the database failed: " + INTERNAL, null);
          }

          @Override
          public Optional<Store> find(StoreId id) {
            throw new UnavailableException("the database failed: " + INTERNAL, null);
          }

          @Override
          public List<Store> all() {
            throw new UnavailableException("the database failed: " + INTERNAL, null);
          }
        };
    RetailEngine engine = RetailEngine.builder().stores(failing).build();
    try (RetailServer server =
        RetailServer.start(DemoServerTest.config(), engine, List.of(), Map.of(), false)) {
      String token =
          server
              .context()
              .tokens()
              .issueService("admin", Role.ADMIN, Set.of("*"), Duration.ofMinutes(5));
      Response r = new TestClient(server).get("/api/v1/stores", token);
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.code()).isEqualTo("system.unavailable");
      assertThat(r.header("Retry-After")).as("a 503 says when to retry").isEqualTo("1");
      assertThat(r.text())
          .doesNotContain("ERROR")
          .doesNotContain("stores_pkey")
          .doesNotContain("SELECT");
      assertThat(r.body().get("error").asText())
          .startsWith("a service the server depends on is unavailable; retry shortly")
          .contains("quote request id ");
    }
  }
}
