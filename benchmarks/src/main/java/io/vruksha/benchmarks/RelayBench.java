package io.vruksha.benchmarks;

import io.nats.client.api.PublishAck;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.nats.RawPublish;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresOutbox;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbox relay as a server runs it (its background workers: claim and delete rows in a
 * transaction, publish asynchronously with de-duplication ids, wait for every ack, commit) against
 * raw asynchronous publishing of the same payloads from the same JVM, both on a stream of the run's
 * own.
 */
final class RelayBench {

  /** Events a relay batch (and a raw batch) holds. */
  private static final int BATCH = 500;

  /** Timed rounds after the warm-up. */
  private static final int ROUNDS = 5;

  private RelayBench() {}

  static Map<String, String> run(Map<String, String> env, int warmupSeconds, int events) {
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
        NatsOutboxRelay relay =
            new NatsOutboxRelay(
                nats,
                outbox,
                db.unitOfWork(),
                BATCH,
                Duration.ofSeconds(10),
                Integer.parseInt(
                    env.getOrDefault(
                        "BENCH_RELAY_WORKERS", Integer.toString(NatsOutboxRelay.DEFAULT_WORKERS))));
        String subject = natsEnv.get("NATS_SUBJECT_PREFIX") + "retail.pos.sale.completed.v1";
        // untimed rounds first, for warmupSeconds: on two cores the JIT compiles for many seconds,
        // and the relay, measured first, would otherwise pay for the raw publisher's compiled code
        Map<String, Map<String, Long>> warmCpu = ProcessCpu.phases("relay", "raw");
        Map<String, Map<String, Long>> cpu = ProcessCpu.phases("relay", "raw");
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        int warmRounds = 0;
        while (System.nanoTime() < warmEnd) {
          double[] w = round(db, outbox, relay, nats, subject, events, -(++warmRounds), warmCpu);
          System.err.printf(
              Locale.ROOT,
              "warm-up %d: relay %.0f raw %.0f events/s%n",
              warmRounds,
              events / w[0],
              events / w[1]);
        }
        long relayed = 0;
        double relaySeconds = 0;
        double rawSeconds = 0;
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
          double[] s = round(db, outbox, relay, nats, subject, events, r, cpu);
          relayed += events;
          relaySeconds += s[0];
          rawSeconds += s[1];
          ratios.add(s[1] / s[0]);
          System.err.printf(
              Locale.ROOT,
              "round %d: relay %.0f raw %.0f events/s%n",
              r,
              events / s[0],
              events / s[1]);
        }
        Collections.sort(ratios);
        double relayEps = relayed / relaySeconds;
        double rawEps = relayed / rawSeconds;
        out.put("relay_warmup_rounds", Integer.toString(warmRounds));
        out.put("relay_events", Long.toString(relayed));
        out.put("relay_eps", CheckoutEmbedded.f(relayEps));
        out.put("raw_eps", CheckoutEmbedded.f(rawEps));
        out.put("relay_vs_raw", String.format(Locale.ROOT, "%.2f", relayEps / rawEps));
        // CPU by process over the timed rounds, per event: where each side's time goes
        for (String phase : List.of("relay", "raw")) {
          for (Map.Entry<String, Long> p : cpu.get(phase).entrySet()) {
            out.put(
                phase + "_cpu_us_per_event_" + p.getKey(),
                String.format(
                    Locale.ROOT, "%.1f", ProcessCpu.micros(p.getValue()) / (double) relayed));
          }
        }
        out.put(
            "relay_vs_raw_rounds",
            String.join(
                ",", ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
      } finally {
        nats.deleteStream();
      }
    }
    return out;
  }

  /**
   * One round: {@code events} outbox rows written, then relayed to the end (timed), then the same
   * payloads published raw (timed). Returns the two durations in seconds.
   */
  private static double[] round(
      PostgresDatabase db,
      PostgresOutbox outbox,
      NatsOutboxRelay relay,
      NatsEvents nats,
      String subject,
      int events,
      int round,
      Map<String, Map<String, Long>> cpu) {
    List<EventEnvelope> all = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      String sale = "sale-" + round + "-" + i;
      all.add(
          EventEnvelope.of(
              new DomainEvent.SaleCompleted(
                  StoreId.of("bench-" + (i % 8)),
                  sale,
                  "S001-2026-" + round + "-" + i,
                  "",
                  Money.of("12.34", "EUR"),
                  List.of(
                      new DomainEvent.SoldLine("MUG", BigDecimal.ONE, Money.of("12.34", "EUR")))),
              Instant.now(),
              sale));
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
    // the relay as a server runs it: its background workers, from start until every row is acked
    Map<String, Long> cpuBefore = ProcessCpu.read();
    long before = relay.published();
    long start = System.nanoTime();
    long deadline = start + 120_000_000_000L;
    relay.start();
    try {
      while (relay.published() - before < events) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "relayed " + (relay.published() - before) + " of " + events + " events in 120 s");
        }
        LockSupport.parkNanos(100_000);
      }
    } finally {
      relay.close();
    }
    double relaySeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> cpuBetween = ProcessCpu.read();
    ProcessCpu.add(cpu.get("relay"), cpuBefore, cpuBetween);

    // the same payloads, raw: publishAsync in batches with message ids, wait for the acks
    byte[][] bodies = new byte[events][];
    for (int i = 0; i < events; i++) {
      bodies[i] = RawPublish.body(all.get(i));
    }
    start = System.nanoTime();
    for (int i = 0; i < events; i += BATCH) {
      List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
      for (int j = i; j < Math.min(events, i + BATCH); j++) {
        acks.add(
            RawPublish.publish(nats, subject, all.get(j), bodies[j], "raw-" + round + "-" + j));
      }
      for (CompletableFuture<PublishAck> a : acks) {
        a.join();
      }
    }
    ProcessCpu.add(cpu.get("raw"), cpuBetween, ProcessCpu.read());
    return new double[] {relaySeconds, (System.nanoTime() - start) / 1e9};
  }
}
