package io.vruksha.retail.server;

/**
 * A store's rounding over HTTP on PostgreSQL, the server as the application role: the increment,
 * mode and scope go to {@code stores.cash_increment}, {@code cash_mode} and {@code
 * cash_rounding_scope} and come back as they went in.
 */
class StoreRoundingIT extends StoreRoundingContract {

  @Override
  protected RetailServer startServer() {
    return PostgresServerIT.postgres();
  }
}
