package io.vruksha.retail.server;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * {@link LoginsAndTokensContract} on PostgreSQL with the server as the application role (a login
 * role in vruksha_app, under row-level security): logins are counted inside the database's SECURITY
 * DEFINER functions and token versions read through {@code staff_token_version}.
 */
class LoginsAndTokensIT extends LoginsAndTokensContract {

  private PostgresDatabase owner;

  @Override
  protected RetailServer startServer() {
    owner = TestDatabase.fresh();
    DemoStore.seed(PostgresAdapters.use(owner, DemoStore.engineBuilder()).build());
    PostgresDatabase db = TestDatabase.appPool();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    return RetailServer.start(config(), engine, List.of(db), Map.of(), true);
  }

  /** As the schema's owner, the way an operator removes someone with SQL. */
  @Override
  protected boolean remove(String staffId) {
    owner.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE staff_id = ?", staffId));
    return true;
  }
}
