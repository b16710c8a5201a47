package io.vruksha.retail.server;

import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.TestDatabase;
import java.util.Map;

/**
 * {@link SecretsNotLoggedTest} on PostgreSQL, started as {@code main} starts it with {@code
 * DB_HOST}, and a {@code DB_PASSWORD} (trust authentication ignores it) that must not be logged.
 */
class SecretsNotLoggedIT extends SecretsNotLoggedTest {

  @Override
  protected Map<String, String> environment() {
    TestDatabase.fresh();
    PostgresConfig pg = TestDatabase.appConfig(); // the application role, as in production
    Map<String, String> env = super.environment();
    env.put("DB_HOST", pg.host());
    env.put("DB_PORT", Integer.toString(pg.port()));
    env.put("DB_NAME", pg.database());
    env.put("DB_USER", pg.user());
    env.put("DB_PASSWORD", DB_PASSWORD);
    return env;
  }
}
