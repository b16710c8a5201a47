package io.vruksha.retail.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.postgres.PostgresDatabase;

/** The server's database side: the pool (closed with the server) and the catalogue near-cache. */
final class PostgresRuntime implements AutoCloseable, MeterBinder {

  private final PostgresDatabase db;
  private final CaffeineCache nearCache;

  PostgresRuntime(PostgresDatabase db, CaffeineCache nearCache) {
    this.db = db;
    this.nearCache = nearCache;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    db.reportMetricsTo(registry);
    FunctionCounter.builder("retail.cache.hits", nearCache, CaffeineCache::hits)
        .description("catalogue and price reads served by the near-cache")
        .register(registry);
    FunctionCounter.builder("retail.cache.misses", nearCache, CaffeineCache::misses)
        .description("catalogue and price reads that went to the database")
        .register(registry);
  }

  @Override
  public void close() {
    db.close();
  }
}
