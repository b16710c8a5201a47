package io.vruksha.examples.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.sale.Sale;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The integrator's wiring, on this run's own database and stream. */
class IntegratorIT {

  @Test
  void sellsABasketAndItsEventsReachTheStream() throws Exception {
    PostgresConfig pg = TestDatabase.fresh().config();
    String run = "ex" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", pg.host());
    env.put("DB_PORT", Integer.toString(pg.port()));
    env.put("DB_NAME", pg.database());
    env.put("DB_USER", pg.user());
    env.put("DB_PASSWORD", pg.password());
    env.put("NATS_URL", System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222"));
    env.put("NATS_STREAM", "RETAIL_" + run.toUpperCase());
    env.put("NATS_SUBJECT_PREFIX", run + ".");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      Sale sale = Integrator.run(env, new PrintStream(buffer, true, StandardCharsets.UTF_8));
      assertThat(sale.total().toString()).isEqualTo("16.49 EUR"); // 3 mugs for 10.00, coffee 6.49
      String printed = buffer.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains(
              "seeded the demo store", "sold S001-", "every event of the sale is on the stream");
    } finally {
      try (NatsEvents nats = NatsEvents.connect(NatsConfig.from(env))) {
        nats.deleteStream();
        nats.deleteCacheBucket();
      }
    }
  }
}
