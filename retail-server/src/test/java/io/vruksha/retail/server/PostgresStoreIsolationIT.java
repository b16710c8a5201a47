package io.vruksha.retail.server;

/** The store-isolation sweep against the PostgreSQL adapters. */
class PostgresStoreIsolationIT extends StoreIsolationTest {

  @Override
  protected RetailServer startServer() {
    return PostgresServerIT.postgres();
  }
}
