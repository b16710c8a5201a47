package io.vruksha.retail.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vruksha.retail.cache.TieredCache;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.nats.NatsCacheWatch;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsKeyValueCache;
import io.vruksha.retail.nats.NatsOutboxRelay;
import io.vruksha.retail.nats.NatsReactions;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.reaction.Reactions;
import java.time.Duration;
import java.util.Map;

/**
 * The server's NATS side: the connection and its stream, the shared cache in front of the
 * database's catalogue and prices, the outbox relay and the reactions' consumers.
 */
final class NatsRuntime implements AutoCloseable, MeterBinder {

  private final NatsEvents nats;
  private final NatsCacheWatch watch;
  private final NatsOutboxRelay relay;
  private final NatsReactions reactions;
  private final RetailEngine engine;

  private NatsRuntime(
      NatsEvents nats,
      NatsCacheWatch watch,
      NatsOutboxRelay relay,
      NatsReactions reactions,
      RetailEngine engine) {
    this.nats = nats;
    this.watch = watch;
    this.relay = relay;
    this.reactions = reactions;
    this.engine = engine;
  }

  static NatsRuntime start(
      Map<String, String> env, PostgresDatabase db, CaffeineCache near, ServerConfig config) {
    NatsEvents nats = NatsEvents.connect(NatsConfig.from(env));
    try {
      NatsKeyValueCache shared =
          NatsKeyValueCache.open(nats, nats.config().cacheBucket(), Duration.ofHours(1));
      NatsCacheWatch watch = shared.invalidating(near);
      RetailEngine engine =
          PostgresAdapters.use(
                  db,
                  RetailEngine.builder(),
                  new TieredCache(near, shared, PostgresAdapters.NEAR_CACHE_TTL))
              .build();
      NatsOutboxRelay relay =
          new NatsOutboxRelay(nats, EngineHost.outbox(engine), EngineHost.unitOfWork(engine), 500);
      relay.start();
      NatsReactions reactions =
          NatsReactions.start(nats, new Reactions(engine, config.reactions()));
      return new NatsRuntime(nats, watch, relay, reactions, engine);
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("retail.events.published", relay, NatsOutboxRelay::published)
        .description("events the relay published to JetStream and saw acknowledged")
        .register(registry);
    FunctionCounter.builder("retail.cache.watch.remakes", watch, NatsCacheWatch::remakes)
        .description(
            "times the shared cache's watch was re-made (it went deaf or NATS reconnected),"
                + " each clearing the near-cache")
        .register(registry);
    for (var r : reactions.reactions()) {
      FunctionCounter.builder(
              "retail.events.consumed", reactions, x -> x.consumed().getOrDefault(r, 0L))
          .tag("reaction", r.consumerName())
          .description("events a reaction's consumer took")
          .register(registry);
      Gauge.builder("retail.reaction.lag", reactions, x -> x.lag().getOrDefault(r, -1L))
          .tag("reaction", r.consumerName())
          .description("events waiting for a reaction's consumer")
          .register(registry);
    }
  }

  RetailEngine engine() {
    return engine;
  }

  boolean connected() {
    return nats.connected();
  }

  @Override
  public void close() throws Exception {
    reactions.close();
    relay.close();
    watch.close();
    nats.close();
  }
}
