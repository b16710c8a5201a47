package io.vruksha.benchmarks;

import io.nats.client.api.PublishAck;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresOutbox;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The outbox relay (claim rows in a transaction, publish asynchronously with de-duplication ids,
 * wait for every ack, mark the rows sent) against raw asynchronous publishing of the same payloads
 * from the same JVM, both on a stream of the run's own.
 */
final class RelayBench {

  private RelayBench() {}

  static Map<String, String> run(Map<String, String> env, int events) {
    Map<String, String> out = new LinkedHashMap<>();
    String run = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<String, String> natsEnv = new HashMap<>(env);
    natsEnv.put("NATS_STREAM", "RETAIL_" + run.toUpperCase(Locale.ROOT));
    natsEnv.put("NATS_SUBJECT_PREFIX", run + ".");
    try (BenchDatabase bench = BenchDatabase.create(env, "vruksha_relay");
        NatsEvents nats = NatsEvents.connect(NatsConfig.from(natsEnv))) {
      try {
        PostgresDatabase db = bench.pool(4);
        db.migrate();
        PostgresOutbox outbox = new PostgresOutbox(db);
        List<EventEnvelope> all = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
          all.add(
              EventEnvelope.of(
                  new DomainEvent.SaleCompleted(
                      StoreId.of("bench-" + (i % 8)),
                      "sale-" + i,
                      "S001-2026-" + i,
                      "",
                      Money.of("12.34", "EUR"),
                      List.of(
                          new DomainEvent.SoldLine(
                              "MUG", java.math.BigDecimal.ONE, Money.of("12.34", "EUR")))),
                  Instant.now(),
                  "sale-" + i));
        }
        for (int i = 0; i < events; i += 1000) {
          List<EventEnvelope> batch = all.subList(i, Math.min(events, i + 1000));
          db.unitOfWork()
              .run(
                  () -> {
                    batch.forEach(outbox::append);
                    return null;
                  });
        }
        NatsOutboxRelay relay = new NatsOutboxRelay(nats, outbox, db.unitOfWork(), 500);
        long start = System.nanoTime();
        long relayed = 0;
        for (int n = relay.relayOnce(); n > 0; n = relay.relayOnce()) {
          relayed += n;
        }
        double relayEps = relayed / ((System.nanoTime() - start) / 1e9);

        // the same payloads, raw: publishAsync in batches of 500 with message ids, wait the acks
        byte[][] bodies = new byte[events][];
        for (int i = 0; i < events; i++) {
          bodies[i] = io.vruksha.retail.nats.RawPublish.body(all.get(i));
        }
        String subject = natsEnv.get("NATS_SUBJECT_PREFIX") + "retail.pos.sale.completed.v1";
        start = System.nanoTime();
        for (int i = 0; i < events; i += 500) {
          List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
          for (int j = i; j < Math.min(events, i + 500); j++) {
            acks.add(
                io.vruksha.retail.nats.RawPublish.publish(
                    nats, subject, all.get(j), bodies[j], "raw-" + j));
          }
          for (CompletableFuture<PublishAck> a : acks) {
            a.join();
          }
        }
        double rawEps = events / ((System.nanoTime() - start) / 1e9);
        out.put("relay_events", Long.toString(relayed));
        out.put("relay_eps", CheckoutEmbedded.f(relayEps));
        out.put("raw_eps", CheckoutEmbedded.f(rawEps));
        out.put("relay_vs_raw", String.format(Locale.ROOT, "%.2f", relayEps / rawEps));
      } finally {
        nats.deleteStream();
      }
    }
    return out;
  }
}
