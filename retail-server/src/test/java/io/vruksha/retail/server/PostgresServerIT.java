package io.vruksha.retail.server;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same day over HTTP with the PostgreSQL adapters: every route's happy path against the real
 * database (a database of this run's own).
 */
class PostgresServerIT extends ServerContract {

  @Override
  protected RetailServer startServer() {
    return postgres();
  }

  /**
   * A server on this run's database, emptied, holding the demo store and its staff: the store is
   * seeded by the schema's owner, and the server connects as the application role, as
   * docs/security.md sets it up (a login role in vruksha_app, under row-level security).
   */
  static RetailServer postgres() {
    PostgresDatabase owner = TestDatabase.fresh();
    DemoStore.seed(PostgresAdapters.use(owner, DemoStore.engineBuilder()).build());
    PostgresDatabase db = TestDatabase.appPool();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    Map<String, Supplier<Boolean>> deps =
        Map.of(
            "database",
            () ->
                db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1));
    return RetailServer.start(DemoServerTest.config(), engine, List.of(db), deps, true);
  }
}
