package io.vruksha.benchmarks;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A database of the benchmark's own on the {@code DB_*} server (created, migrated, dropped), and
 * the stores it sells in: the demo catalogue, prices and tax, with stock no run can exhaust.
 */
final class BenchDatabase implements AutoCloseable {

  /** The three SKUs of the benchmark basket. */
  static final List<String> BASKET = List.of("TEE-M", "MUG", "COFFEE");

  final PostgresConfig config;
  private final PostgresConfig admin;
  private final List<PostgresDatabase> pools = new ArrayList<>();

  private BenchDatabase(PostgresConfig config, PostgresConfig admin) {
    this.config = config;
    this.admin = admin;
  }

  /** A new, empty database named {@code prefix_<random>}. */
  static BenchDatabase create(Map<String, String> env, String prefix) {
    PostgresConfig admin = PostgresConfig.from(env).withDatabase("postgres").withPoolSize(2);
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute(admin, "CREATE DATABASE " + name);
    return new BenchDatabase(admin.withDatabase(name), admin);
  }

  /** A pool of {@code size} on it, closed with it. */
  PostgresDatabase pool(int size) {
    PostgresDatabase db = PostgresDatabase.connect(config.withPoolSize(size));
    pools.add(db);
    return db;
  }

  /**
   * Seeds the demo store and {@code stores} more like it ({@code bench-0} ...), each with a million
   * of every basket SKU on the floor. Returns the ids of the extra stores.
   */
  static List<StoreId> seed(RetailEngine engine, int stores) {
    DemoStore.seed(engine);
    var tax = engine.taxRules().jurisdictionOf(DemoStore.ID).orElseThrow();
    List<StoreId> ids = new ArrayList<>();
    for (int i = 0; i < stores; i++) {
      StoreId id = StoreId.of("bench-" + i);
      engine
          .stores()
          .save(
              new Store(
                  id, "Bench " + i, DemoStore.EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
      engine.taxRules().assign(id, tax);
      for (String sku : BASKET) {
        engine.stock().receive(StockKey.floor(id, Sku.of(sku)), new BigDecimal("1000000"), "bench");
      }
      ids.add(id);
    }
    for (String sku : BASKET) {
      engine
          .stock()
          .receive(StockKey.floor(DemoStore.ID, Sku.of(sku)), new BigDecimal("1000000"), "bench");
    }
    return ids;
  }

  static void execute(PostgresConfig config, String sql) {
    query(config, s -> s.execute(sql));
  }

  /** What a statement does on a connection of its own. */
  @FunctionalInterface
  interface OnStatement<T> {
    T on(Statement s) throws SQLException;
  }

  /** Runs {@code action} on a statement of a connection of its own to {@code config}. */
  static <T> T query(PostgresConfig config, OnStatement<T> action) {
    try (Connection c =
            DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement s = c.createStatement()) {
      return action.on(s);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pools.forEach(PostgresDatabase::close);
    execute(admin, "DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
  }
}
