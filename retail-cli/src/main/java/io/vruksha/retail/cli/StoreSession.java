package io.vruksha.retail.cli;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Rounding;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresUnitOfWork;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.MappingException;
import picocli.CommandLine;

/**
 * One store's database for a command: the pool, an engine over the Postgres adapters and the store.
 * Every read runs in a transaction scoped to the store ({@code app.store_ids}), so the commands
 * work under the application role and row-level security as well as as the owner.
 */
final class StoreSession implements AutoCloseable {

  final PostgresDatabase db;
  final RetailEngine engine;
  final Store store;

  private StoreSession(PostgresDatabase db, RetailEngine engine, Store store) {
    this.db = db;
    this.engine = engine;
    this.store = store;
  }

  /** Connects and finds {@code storeId}; an unknown store is a usage error. */
  static StoreSession open(
      DatabaseOptions options, Map<String, String> env, CommandLine cli, String storeId) {
    StoreId id = StoreId.of(storeId);
    PostgresDatabase db = options.connect(env, cli);
    try {
      RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
      Store store =
          engine
              .inStore(id, () -> engine.stores().find(id))
              .orElseThrow(() -> new CommandLine.ParameterException(cli, "no store " + storeId));
      return new StoreSession(db, engine, store);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  StoreId id() {
    return store.id();
  }

  Currency currency() {
    return store.currency();
  }

  Money zero() {
    return Money.zero(store.currency());
  }

  /**
   * Engine calls within the store's scope (one read-only transaction). A stored row or document
   * that does not make a valid value fails as {@link StoredDataException} (exit 3).
   */
  <T> T engine(Supplier<T> work) {
    try {
      return engine.inStore(store.id(), work);
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  /**
   * SQL within the store's scope (one transaction). A row that does not make a valid value fails as
   * {@link StoredDataException} (exit 3).
   */
  <T> T sql(Function<Handle, T> query) {
    try {
      return db.jdbi()
          .inTransaction(
              h -> {
                PostgresUnitOfWork.setStoreScope(h, Set.of(store.id().value()));
                return query.apply(h);
              });
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  /**
   * A value refused while reading stored data ({@link io.vruksha.retail.InvalidInputException}, a
   * malformed number, date or currency code in a row) as {@link StoredDataException}, naming the
   * store; anything else as it is.
   */
  private RuntimeException unreadable(RuntimeException e) {
    if (e instanceof CommandLine.ParameterException || e instanceof StoredDataException) {
      return e;
    }
    Throwable cause = e instanceof MappingException ? e.getCause() : e;
    if (cause instanceof InvalidInputException
        || cause instanceof IllegalArgumentException
        || cause instanceof ArithmeticException
        || cause instanceof DateTimeException) {
      return new StoredDataException(
          "stored data of store " + store.id() + " cannot be read: " + cause.getMessage(), e);
    }
    if (e instanceof UnavailableException
        && e.getMessage() != null
        && e.getMessage().startsWith("a stored ")) {
      return new StoredDataException(
          "stored data of store " + store.id() + " cannot be read: " + e.getMessage(), e);
    }
    return e;
  }

  /** The business day of {@code at} in the store's time zone. */
  LocalDate day(Instant at) {
    return at.atZone(store.zone()).toLocalDate();
  }

  /** Whether {@code at} falls on a business day from {@code from} to {@code to}, both included. */
  boolean within(Instant at, LocalDate from, LocalDate to) {
    LocalDate d = day(at);
    return !d.isBefore(from) && !d.isAfter(to);
  }

  /** The first instant of {@code day} in the store's zone. */
  Instant startOf(LocalDate day) {
    return day.atStartOfDay(store.zone()).toInstant();
  }

  /**
   * An exact stored sum as the figure to show: half-up to the currency's minor unit, once ({@link
   * Rounding#shown}).
   */
  Money money(BigDecimal exactSum) {
    return Rounding.shown(exactSum, store.currency());
  }

  /** A plain decimal string of {@code m}, without the currency. */
  static String amount(Money m) {
    return m == null ? "" : m.amount().toPlainString();
  }

  /** The figure shown for an exact sum: rounded half-up once, without the currency. */
  static String amount(ExactAmount exact) {
    return amount(exact.rounded());
  }

  @Override
  public void close() {
    db.close();
  }
}
