package io.vruksha.retail.server;

/** Idempotent replay and concurrent keys against the PostgreSQL adapters. */
class PostgresIdempotencyIT extends IdempotencyTest {

  @Override
  protected RetailServer startServer() {
    return PostgresServerIT.postgres();
  }
}
