package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link UnitOfWork} as one PostgreSQL transaction at Read Committed: the handle is bound to the
 * running thread, and every Postgres adapter of the same database joins it. Work outside a unit of
 * work runs in a short transaction of its own. Vendor exceptions are translated: none crosses a
 * port. Thread-safe.
 */
public final class PostgresUnitOfWork implements UnitOfWork {

  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();

  /** The stores the running transaction's row-level-security scope holds, to skip re-setting it. */
  private final ThreadLocal<Set<String>> scope = new ThreadLocal<>();

  /**
   * The scope's value not yet sent to the server, or null: it goes with the transaction's next
   * statement (a plain one carries it in its own round trip, see {@link PlainStatement}).
   */
  private final ThreadLocal<String> unsentScope = new ThreadLocal<>();

  /**
   * Writes that answer nothing, held back until the transaction's next statement or its commit and
   * then sent together (see {@link #defer}).
   */
  private final ThreadLocal<List<Deferred>> pending = new ThreadLocal<>();

  /** At most this many held-back writes go into one statement (a plan stays quick to make). */
  static final int MAX_WRITES_A_STATEMENT = 64;

  /** At most this many parameters go into one statement (the protocol's limit is 32,767). */
  static final int MAX_PARAMETERS_A_STATEMENT = 8_000;

  /** State an adapter keeps for the running transaction only (gone with it, committed or not). */
  private final ThreadLocal<Map<Object, Object>> locals = new ThreadLocal<>();

  PostgresUnitOfWork(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T run(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    try {
      // Read Committed is the pool's level for every connection (PostgresDatabase): naming it here
      // would cost a round trip per transaction asking the server for the current one
      return jdbi.inTransaction(
          handle -> {
            current.set(handle);
            scope.set(new TreeSet<>());
            pending.set(new ArrayList<>());
            locals.set(new HashMap<>());
            try {
              openAmbientScope(handle);
              T result = work.get();
              beforeCommit();
              flushWrites(handle);
              return result;
            } finally {
              current.remove();
              scope.remove();
              unsentScope.remove();
              pending.remove();
              locals.remove();
            }
          });
    } catch (RetailException e) {
      throw e;
    } catch (JdbiException e) {
      if (SqlStates.uniqueViolation(e)) {
        throw duplicate();
      }
      throw new UnavailableException("the database refused the unit of work: " + rootMessage(e), e);
    }
  }

  /**
   * A concurrent unit of work wrote the same key first (an idempotency key, a number): nothing of
   * this one was kept, and a retry sees what the other wrote. The constraint's own message, which
   * names tables and values, stays out of the answer.
   */
  private static RuleViolationException duplicate() {
    return new RuleViolationException(
        ErrorCode.DUPLICATE,
        "a concurrent request wrote the same record first; retry to see its result");
  }

  /**
   * Runs {@code work} in a transaction whose row-level-security scope holds {@code stores}: the
   * list goes into {@code app.store_ids} with {@code set_config(..., true)}, which lasts until the
   * transaction ends, so a pooled connection never carries it further. A nested call adds its
   * stores to the scope.
   */
  @Override
  public <T> T runFor(Set<StoreId> stores, Supplier<T> work) {
    return run(
        () -> {
          Set<String> held = scope.get();
          boolean covered = true;
          for (StoreId s : stores) {
            covered &= held.contains(s.value());
          }
          if (!covered) {
            // a nested call adds its stores; the scope is kept beside the handle, so a unit of
            // work already scoped to the store costs no round trip, and it is sent with the next
            // statement, so a new one costs none of its own when that statement is a plain one
            stores.forEach(s -> held.add(s.value()));
            unsentScope.set(String.join(",", held));
          }
          return work.get();
        });
  }

  /**
   * Runs {@code work} with every transaction it starts on this thread scoped to {@code stores}
   * (row-level security's {@code app.store_ids}, set as the transaction begins), and every read
   * outside a unit of work too; transactions keep their boundaries. A transaction already running
   * adds the stores to its scope. Nested calls add their stores until they return.
   */
  @Override
  public <T> T within(Set<StoreId> stores, Supplier<T> work) {
    Set<String> before = ambient.get();
    Set<String> now = new TreeSet<>(before == null ? Set.of() : before);
    stores.forEach(s -> now.add(s.value()));
    ambient.set(now);
    try {
      if (current.get() != null) {
        return runFor(stores, work);
      }
      return work.get();
    } finally {
      if (before == null) {
        ambient.remove();
      } else {
        ambient.set(before);
      }
    }
  }

  /** The stores of {@link #within} on this thread, which every new transaction is scoped to. */
  private final ThreadLocal<Set<String>> ambient = new ThreadLocal<>();

  private void openAmbientScope(Handle handle) {
    Set<String> stores = ambient.get();
    if (stores == null || stores.isEmpty()) {
      return;
    }
    Set<String> held = scope.get();
    held.addAll(stores);
    unsentScope.set(String.join(",", held));
  }

  /** Sends the scope set since the last statement, if any, before a statement that needs it. */
  private void sendScope(Handle handle) {
    String stores = unsentScope.get();
    if (stores != null) {
      unsentScope.remove();
      handle
          .createQuery("SELECT set_config('app.store_ids', :v, true)")
          .bind("v", stores)
          .mapTo(String.class)
          .one();
    }
  }

  /**
   * Puts {@code stores} into the transaction's {@code app.store_ids} (row-level security's scope),
   * until it ends: the one place the store scope is set, for the units of work and for the bulk
   * work (imports, the command line's reads) that runs on a handle of its own.
   */
  public static void setStoreScope(Handle handle, Set<String> stores) {
    handle
        .createQuery("SELECT set_config('app.store_ids', :v, true)")
        .bind("v", String.join(",", stores))
        .mapTo(String.class)
        .one();
  }

  /**
   * Puts {@code stores} into the transaction's store scope as {@link #setStoreScope} does and names
   * {@code actorId} as the author its {@code audit_log} rows record, in one statement: for the bulk
   * work that starts a transaction on a handle of its own.
   */
  public static void setStoreScopeAndActor(Handle handle, Set<String> stores, String actorId) {
    handle
        .createQuery(
            "SELECT set_config('app.store_ids', :v, true) AS stores,"
                + " set_config('app.actor', :a, true) AS actor")
        .bind("v", String.join(",", stores))
        .bind("a", actorId)
        .mapTo(String.class)
        .one();
  }

  /**
   * Runs {@code work} in a transaction whose {@code audit_log} rows name {@code actorId} (set with
   * {@code set_config('app.actor', ..., true)}, so it ends with the transaction).
   */
  @Override
  public <T> T runAs(String actorId, Supplier<T> work) {
    return run(
        () -> {
          current
              .get()
              .createQuery("SELECT set_config('app.actor', :a, true)")
              .bind("a", actorId)
              .mapTo(String.class)
              .one();
          return work.get();
        });
  }

  /**
   * The running transaction's value for {@code key}, made by {@code init} on first use; it is
   * dropped when the transaction ends, whether it commits or rolls back.
   */
  @SuppressWarnings("unchecked")
  <T> T transactionLocal(Object key, Supplier<T> init) {
    return (T) locals.get().computeIfAbsent(key, k -> init.get());
  }

  /**
   * Whether the write held back with exactly {@code args} (by identity) is still held back, so a
   * change to its arguments is what will be sent.
   */
  boolean holds(Object[] args) {
    List<Deferred> held = pending.get();
    return held != null && held.stream().anyMatch(d -> d.args() == args);
  }

  /** The key of the running transaction's pre-commit hooks in its locals. */
  private static final Object BEFORE_COMMIT = new Object();

  /**
   * Runs {@code hook} once the transaction's work is done, before its held-back writes are sent and
   * it commits; a hook may hold back writes of its own ({@link #defer}), sent with the rest.
   */
  void beforeCommit(Runnable hook) {
    List<Runnable> hooks = transactionLocal(BEFORE_COMMIT, ArrayList::new);
    hooks.add(hook);
  }

  @SuppressWarnings("unchecked")
  private void beforeCommit() {
    List<Runnable> hooks = (List<Runnable>) locals.get().remove(BEFORE_COMMIT);
    if (hooks != null) {
      hooks.forEach(Runnable::run);
    }
  }

  /** Whether a unit of work runs on this thread. */
  boolean inTransaction() {
    return current.get() != null;
  }

  /**
   * The parts of a held-back write's statement that grouping needs: its table, and where its one
   * {@code VALUES} row starts and ends when rows of the statement can share a multi-row insert
   * (else both -1: an upsert, whose rows must not update one row twice in a statement).
   */
  private record Shape(String table, int valuesStart, int valuesEnd) {

    private static final Pattern INSERT_INTO = Pattern.compile("^INSERT INTO (\\w+)");

    /** The shapes of the statements held back so far: a handful of constant strings. */
    private static final Map<String, Shape> KNOWN = new ConcurrentHashMap<>();

    static Shape of(String sql) {
      return KNOWN.computeIfAbsent(sql, Shape::parse);
    }

    private static Shape parse(String sql) {
      Matcher m = INSERT_INTO.matcher(sql);
      if (!m.find()) {
        throw new IllegalArgumentException("only an INSERT can be held back: " + sql);
      }
      int start = sql.indexOf(" VALUES (");
      int end = -1;
      if (start >= 0) {
        start += " VALUES ".length();
        int depth = 0;
        for (int i = start; i < sql.length(); i++) {
          char c = sql.charAt(i);
          if (c == '(') {
            depth++;
          } else if (c == ')' && --depth == 0) {
            end = i + 1;
            break;
          }
        }
      }
      boolean oneRow =
          end > 0
              && !sql.contains("DO UPDATE")
              && !sql.substring(end).stripLeading().startsWith(",");
      return oneRow ? new Shape(m.group(1), start, end) : new Shape(m.group(1), -1, -1);
    }
  }

  /** A held-back write: one {@code INSERT} (or upsert) with {@code ?} parameters. */
  private record Deferred(String sql, Object[] args, Shape shape) {

    static Deferred of(String sql, Object[] args) {
      return new Deferred(sql, args, Shape.of(sql));
    }

    String table() {
      return shape.table();
    }

    int valuesStart() {
      return shape.valuesStart();
    }

    int valuesEnd() {
      return shape.valuesEnd();
    }

    boolean multiRow() {
      return shape.valuesEnd() > 0;
    }
  }

  /**
   * Holds back a write whose answer nobody needs (an {@code INSERT} with {@code ?} parameters,
   * {@code null} allowed) until the transaction's next statement or its commit, and sends the
   * writes held back by then together: one statement of writable CTEs, so a checkout's sale,
   * invoice, payments, journal entry, idempotency key and events cost one round trip instead of one
   * each. Every statement run through {@link #with} sends them first, so the transaction always
   * reads what it wrote; a failing write fails the transaction as it would have at once. Outside a
   * unit of work, the write runs at once.
   *
   * <p>Two upserts of one row must not share a statement (PostgreSQL would keep either): the rows
   * of an {@code ON CONFLICT ... DO UPDATE} go one a statement, in order ({@link #send}).
   */
  void defer(String sql, Object... args) {
    List<Deferred> held = pending.get();
    if (held == null) {
      with(
          h -> {
            send(h, List.of(Deferred.of(sql, args)));
            return null;
          });
      return;
    }
    held.add(Deferred.of(sql, args));
  }

  private void flushWrites(Handle h) {
    List<Deferred> held = pending.get();
    if (held == null || held.isEmpty()) {
      return;
    }
    List<Deferred> writes = List.copyOf(held);
    held.clear();
    sendScope(h);
    send(h, writes);
  }

  /**
   * Sends {@code writes} in as few statements as the limits allow. Writes of the same statement
   * become one multi-row {@code INSERT}, its rows in the order they were held back, so a table's
   * serial numbers (the outbox's positions) follow that order as they would have row by row; a
   * table written by two different statements starts a new statement, the order between them kept.
   */
  private static void send(Handle h, List<Deferred> writes) {
    // groups of one statement's rows, in order of their first row, cut into statements
    List<List<Deferred>> groups = new ArrayList<>();
    Map<String, List<Deferred>> bySql = new HashMap<>();
    Map<String, String> sqlOfTable = new HashMap<>();
    int parameters = 0;
    for (Deferred d : writes) {
      List<Deferred> group = bySql.get(d.sql());
      boolean otherStatementOfTable =
          group == null
              && sqlOfTable.containsKey(d.table())
              && !sqlOfTable.get(d.table()).equals(d.sql());
      boolean full =
          (group == null && groups.size() == MAX_WRITES_A_STATEMENT)
              || parameters + d.args().length > MAX_PARAMETERS_A_STATEMENT
              || (group != null && !d.multiRow());
      if (!groups.isEmpty() && (otherStatementOfTable || full)) {
        execute(h, groups);
        groups.clear();
        bySql.clear();
        sqlOfTable.clear();
        parameters = 0;
        group = null;
      }
      if (group == null) {
        group = new ArrayList<>();
        groups.add(group);
        bySql.put(d.sql(), group);
        sqlOfTable.put(d.table(), d.sql());
      }
      group.add(d);
      parameters += d.args().length;
    }
    if (!groups.isEmpty()) {
      execute(h, groups);
    }
  }

  /** One statement: each group a multi-row insert, all but the last as writable CTEs. */
  private static void execute(Handle h, List<List<Deferred>> groups) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < groups.size(); i++) {
      boolean last = i == groups.size() - 1;
      if (!last) {
        sql.append(i == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (");
      } else if (i > 0) {
        sql.append(' ');
      }
      List<Deferred> group = groups.get(i);
      Deferred first = group.get(0);
      if (group.size() == 1) {
        sql.append(first.sql());
      } else {
        sql.append(first.sql(), 0, first.valuesEnd());
        for (int r = 1; r < group.size(); r++) {
          sql.append(", ").append(first.sql(), first.valuesStart(), first.valuesEnd());
        }
        sql.append(first.sql(), first.valuesEnd(), first.sql().length());
      }
      if (!last) {
        sql.append(')');
      }
    }
    Update update = h.createUpdate(sql.toString());
    int position = 0;
    for (List<Deferred> group : groups) {
      for (Deferred d : group) {
        for (Object arg : d.args()) {
          update.bind(position++, argument(arg));
        }
      }
    }
    update.execute();
  }

  /**
   * A held-back write's parameter bound by its own type: a checkout's statement has some seventy,
   * and Jdbi's lookup of an argument factory for each was a tenth of the checkout's CPU in the JVM.
   */
  private static Argument argument(Object value) {
    if (value == null) {
      return (p, st, ctx) -> st.setNull(p, Types.OTHER); // typed by its column
    } else if (value instanceof String v) {
      return (p, st, ctx) -> st.setString(p, v);
    } else if (value instanceof BigDecimal v) {
      return (p, st, ctx) -> st.setBigDecimal(p, v);
    } else if (value instanceof Long v) {
      return (p, st, ctx) -> st.setLong(p, v);
    } else if (value instanceof Integer v) {
      return (p, st, ctx) -> st.setInt(p, v);
    } else if (value instanceof Timestamp v) {
      return (p, st, ctx) -> st.setTimestamp(p, v);
    } else if (value instanceof Boolean v) {
      return (p, st, ctx) -> st.setBoolean(p, v);
    }
    return (p, st, ctx) -> st.setObject(p, value); // a UUID, for one
  }

  /** Runs {@code query} on the current unit of work's handle, or in a transaction of its own. */
  <T> T with(Function<Handle, T> query) {
    return with(null, query);
  }

  /**
   * As {@link #with(Function)}, for a statement that reads and writes only {@code tables}: the
   * writes held back are sent first only when one of them is to one of those tables, so a
   * checkout's events stay held back while its stock moves. Name every table the statement touches,
   * those its constraints check included.
   */
  <T> T withTables(Set<String> tables, Function<Handle, T> query) {
    return with(tables, query);
  }

  /**
   * Runs {@code sql}, a hot statement with {@code ?} parameters ({@link PlainStatement#bind} lists
   * the types), on the unit of work's connection with plain JDBC, as {@link #withTables} runs a
   * Jdbi statement: no statement context, argument lookup or mapper of Jdbi's for the statements a
   * checkout sends every time, and the store scope set just before goes in the same round trip.
   */
  <T> T query(Set<String> tables, String sql, PlainStatement.Rows<T> rows, Object... args) {
    return with(tables, false, h -> PlainStatement.query(h, takeScope(), sql, rows, args));
  }

  /** The scope not yet sent, now to be sent by the caller; null if there is none. */
  private String takeScope() {
    String stores = unsentScope.get();
    unsentScope.remove();
    return stores;
  }

  private <T> T with(Set<String> tables, Function<Handle, T> query) {
    return with(tables, true, query);
  }

  private <T> T with(Set<String> tables, boolean needsScope, Function<Handle, T> query) {
    Handle handle = current.get();
    try {
      if (handle != null) {
        // what this transaction wrote is there before a statement that may read it
        List<Deferred> held = pending.get();
        if (held != null
            && !held.isEmpty()
            && (tables == null || held.stream().anyMatch(d -> tables.contains(d.table())))) {
          flushWrites(handle);
        }
        if (needsScope) {
          sendScope(handle);
        }
        return query.apply(handle);
      }
      // a short transaction of its own, bound to the thread so that nested reads join it
      return jdbi.inTransaction(
          h -> {
            current.set(h);
            scope.set(new TreeSet<>());
            pending.set(new ArrayList<>());
            locals.set(new HashMap<>());
            try {
              openAmbientScope(h);
              if (needsScope) {
                sendScope(h);
              }
              T result = query.apply(h);
              beforeCommit();
              flushWrites(h);
              return result;
            } finally {
              current.remove();
              scope.remove();
              unsentScope.remove();
              pending.remove();
              locals.remove();
            }
          });
    } catch (RetailException e) {
      throw e;
    } catch (JdbiException e) {
      if (SqlStates.uniqueViolation(e)) {
        throw duplicate();
      }
      throw new UnavailableException("the database failed: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
