package io.vruksha.retail.server;

/**
 * Look-ups by day across a daylight-saving change, on PostgreSQL (a database of this run's own).
 */
class PostgresDaylightSavingLookupsIT extends DaylightSavingLookupsContract {

  @Override
  protected RetailServer startServer() {
    return PostgresServerIT.postgres();
  }
}
