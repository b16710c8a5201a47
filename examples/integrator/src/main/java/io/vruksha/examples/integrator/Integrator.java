package io.vruksha.examples.integrator;

import io.vruksha.retail.cache.TieredCache;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsKeyValueCache;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.nats.NatsReactions;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * An integrator's wiring of the engine for production: PostgreSQL (migrated on start), the NATS
 * outbox relay so every committed event reaches the stream, the reactions on their durable
 * consumers, and a near-cache in front of the shared NATS cache. Seeds the demo store when the
 * database has none, sells one basket, and waits until its events are on the stream.
 *
 * <p>Run: {@code scripts/services.sh start} then {@code mvn -q exec:java -pl examples/integrator}
 * (reads {@code DB_*} and {@code NATS_URL}; defaults to 127.0.0.1 and the database {@code
 * vruksha}).
 */
public final class Integrator {

  private Integrator() {}

  /** Wires everything from {@code env}, sells a basket, prints what happened; returns the sale. */
  public static Sale run(Map<String, String> env, PrintStream out) throws Exception {
    try (PostgresDatabase db = PostgresDatabase.connect(PostgresConfig.from(env));
        NatsEvents nats = NatsEvents.connect(NatsConfig.from(env))) {
      out.println("migrations applied: " + db.migrate());
      CaffeineCache near = new CaffeineCache(100_000);
      NatsKeyValueCache shared =
          NatsKeyValueCache.open(nats, nats.config().cacheBucket(), Duration.ofHours(1));
      RetailEngine engine =
          PostgresAdapters.use(
                  db,
                  DemoStore.engineBuilder(),
                  new TieredCache(near, shared, PostgresAdapters.NEAR_CACHE_TTL))
              .build();
      if (engine.stores().find(DemoStore.ID).isEmpty()) {
        DemoStore.seed(engine);
        out.println("seeded the demo store");
      }
      try (AutoCloseable watch = shared.invalidating(near);
          NatsOutboxRelay relay =
              new NatsOutboxRelay(
                  nats, EngineHost.outbox(engine), EngineHost.unitOfWork(engine), 500);
          NatsReactions reactions =
              NatsReactions.start(nats, new Reactions(engine, Reaction.enabled(env)))) {
        relay.start();
        out.println("reactions running: " + reactions.reactions());
        Sale sale =
            engine.checkout(
                CheckoutRequest.of(
                    "integrator-" + UUID.randomUUID(),
                    BasketRequest.builder(DemoStore.ID).add("MUG", 3).add("COFFEE", 1).build(),
                    new Tender.Cash(Money.of("50.00", "EUR"))),
                Actor.cashier("integrator"));
        out.println("sold " + sale.number() + ": " + sale.total() + ", change " + sale.change());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!EngineHost.outbox(engine).pending(1).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        out.println(
            EngineHost.outbox(engine).pending(1).isEmpty()
                ? "every event of the sale is on the stream " + nats.config().streamName()
                : "events still waiting in the outbox: is NATS reachable?");
        return sale;
      }
    }
  }

  /** Runs with the process's environment. */
  public static void main(String[] args) throws Exception {
    run(System.getenv(), System.out);
  }
}
