package io.vruksha.retail.postgres;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * {@link StockLedger} on PostgreSQL. A decrease is one conditional {@code UPDATE ... WHERE on_hand
 * + change - reserved >= 0}: under Read Committed the row lock it takes makes concurrent tills
 * queue, and the condition is re-checked on the committed value, so stock never goes below zero.
 * Thread-safe.
 */
public final class PostgresStockLedger implements StockLedger, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The key of a unit of work's levels as its moves left them (see {@link #move}). */
  private static final Object AFTER_MOVE = new Object();

  /**
   * Reorder rules read in the last {@link #RULE_TTL}: read on every line of every sale, written
   * seldom. A rule changed in this process is dropped at once; one changed in another process is
   * seen within {@link #RULE_TTL} (it decides when a low-stock event is raised, never a stock
   * level).
   */
  private final ConcurrentHashMap<StockKey, CachedRule> rules = new ConcurrentHashMap<>();

  private static final Duration RULE_TTL = Duration.ofSeconds(30);
  private static final int MAX_CACHED_RULES = 100_000;

  private record CachedRule(Optional<ReorderRule> rule, long expiresAt) {}

  /**
   * SKUs found in the last {@link #RULE_TTL} not to allow negative stock (most SKUs), until when.
   * Only a refusal is kept: an allowance is read afresh every time, so a policy switched off in
   * another process never lets stock go below zero; one switched on there is honoured within {@link
   * #RULE_TTL}, and at once when switched on in this process.
   */
  private final ConcurrentHashMap<Sku, Long> refusals = new ConcurrentHashMap<>();

  /** The stock ledger of {@code db}. */
  public PostgresStockLedger(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  /**
   * One move: the level updated where the stock allows it, and its movement recorded (a checkout's
   * statement when a level has no row yet or is short; its plan is pinned by HotPathPlansIT).
   */
  static final String MOVE =
      "WITH level AS (UPDATE stock_levels SET on_hand = on_hand + :c"
          + " WHERE store_id = :s AND location_id = :l AND sku = :k"
          + " AND (:c >= 0 OR :neg OR on_hand + :c - reserved >= 0)"
          + " RETURNING on_hand, reserved, safety_buffer),"
          + " movement AS (INSERT INTO stock_movements"
          + " (store_id, location_id, sku, change, reason, reference, note, moved_at)"
          + " SELECT :s, :l, :k, :c, :r, :ref, :n, :at FROM level RETURNING sequence)"
          + " SELECT level.*, movement.sequence FROM level, movement";

  /**
   * A sale's lines in one statement: each level locked by its key in the order given, updated where
   * the stock allows it, a movement recorded for each (its plan is pinned by HotPathPlansIT).
   */
  static final String MOVE_ALL =
      "WITH m AS (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS text[]), CAST(? AS numeric[]), CAST(? AS boolean[]),"
          + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS timestamptz[])) WITH ORDINALITY"
          + " AS m(store_id, location_id, sku, change, neg, reason, reference, note,"
          + " moved_at, ord)),"
          // locked in the order given, as one move after the other would lock them,
          // each row found by its key: a join here was planned as a scan of the whole
          // table while stock_levels still looked small to the planner
          + " locked AS (SELECT l.store_id, l.location_id, l.sku FROM m CROSS JOIN"
          + " LATERAL (SELECT s.store_id, s.location_id, s.sku FROM stock_levels s"
          + " WHERE s.store_id = m.store_id AND s.location_id = m.location_id"
          + " AND s.sku = m.sku FOR UPDATE) l),"
          + " level AS (UPDATE stock_levels s SET on_hand = s.on_hand + m.change"
          + " FROM m JOIN locked USING (store_id, location_id, sku)"
          + " WHERE s.store_id = m.store_id AND s.location_id = m.location_id"
          + " AND s.sku = m.sku"
          + " AND (m.change >= 0 OR m.neg OR s.on_hand + m.change - s.reserved >= 0)"
          + " RETURNING m.ord, s.on_hand, s.reserved, s.safety_buffer),"
          + " movement AS (INSERT INTO stock_movements"
          + " (store_id, location_id, sku, change, reason, reference, note, moved_at)"
          + " SELECT m.store_id, m.location_id, m.sku, m.change, m.reason, m.reference,"
          + " m.note, m.moved_at FROM m JOIN level USING (ord) ORDER BY m.ord"
          + " RETURNING sequence, store_id, location_id, sku)"
          + " SELECT level.*, movement.sequence FROM level JOIN m USING (ord)"
          + " JOIN movement USING (store_id, location_id, sku)";

  @Override
  public StockLevel level(StockKey key) {
    return work.with(h -> find(h, key));
  }

  private static StockLevel find(Handle h, StockKey key) {
    return h.createQuery(
            "SELECT on_hand, reserved FROM stock_levels WHERE store_id = :s AND location_id = :l AND sku = :k")
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value())
        .map(
            (rs, ctx) ->
                new StockLevel(key, rs.getBigDecimal("on_hand"), rs.getBigDecimal("reserved")))
        .findOne()
        .orElse(new StockLevel(key, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  static void ensureRow(Handle h, StockKey key) {
    h.createUpdate(
            "INSERT INTO stock_levels (store_id, location_id, sku) VALUES (:s, :l, :k) ON CONFLICT DO NOTHING")
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value())
        .execute();
  }

  private static AvailableToSell toSell(StockKey key, ResultSet rs) throws SQLException {
    return new AvailableToSell(
        key,
        rs.getBigDecimal("on_hand"),
        rs.getBigDecimal("reserved"),
        Optional.ofNullable(rs.getBigDecimal("safety_buffer")));
  }

  /**
   * The levels this unit of work's moves left, by key: a move's {@code UPDATE ... RETURNING}
   * answers the {@link #availableToSell(StockKey)} that follows it without another round trip. Any
   * other change to a level (a reservation, a buffer) forgets them.
   */
  private Map<StockKey, AvailableToSell> afterMove() {
    return work.transactionLocal(AFTER_MOVE, HashMap::new);
  }

  private void forgetMoves() {
    if (work.inTransaction()) {
      afterMove().clear();
    }
  }

  @Override
  public StockMovement move(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      Instant at,
      boolean allowNegative) {
    return work.withTables(
        MOVE_TABLES,
        h -> {
          // the row usually exists: update it and record the movement in one statement, and
          // create the row only when the update found none
          Optional<Moved> moved =
              updateAndRecord(h, key, change, allowNegative, reason, reference, note, at);
          if (moved.isEmpty()) {
            ensureRow(h, key); // missing, or made by a concurrent unit of work: update again
            moved = updateAndRecord(h, key, change, allowNegative, reason, reference, note, at);
          }
          if (moved.isEmpty()) {
            StockLevel level = find(h, key);
            throw level.shortOf(change.negate());
          }
          afterMove().put(key, moved.get().level());
          return new StockMovement(
              moved.get().sequence(), key, change, reason, reference, note, at);
        });
  }

  /**
   * All moves in one statement when they are to different keys: the levels are locked in the order
   * given, updated where the stock is there (or may go negative), and a movement recorded for each
   * level updated. A move the statement could not book (its level row is missing, or the stock is
   * short) is then booked as {@link #move} books it, which makes the row or refuses.
   */
  @Override
  public List<StockMovement> moveAll(List<Move> moves) {
    if (moves.size() < 2 || moves.stream().map(Move::key).distinct().count() < moves.size()) {
      return StockLedger.super.moveAll(moves);
    }
    return work.run(
        () -> {
          int n = moves.size();
          String[] stores = new String[n];
          String[] locations = new String[n];
          String[] skus = new String[n];
          String[] changes = new String[n];
          String[] negative = new String[n];
          String[] reasons = new String[n];
          String[] references = new String[n];
          String[] notes = new String[n];
          String[] times = new String[n];
          for (int i = 0; i < n; i++) {
            Move m = moves.get(i);
            stores[i] = m.key().store().value();
            locations[i] = m.key().location().value();
            skus[i] = m.key().sku().value();
            changes[i] = m.change().toPlainString();
            negative[i] = Boolean.toString(m.allowNegative());
            reasons[i] = m.reason().name();
            references[i] = m.reference();
            notes[i] = m.note();
            times[i] = m.at().toString();
          }
          // a checkout's statement: plain JDBC (PostgresUnitOfWork.query), in this transaction
          Map<Integer, Moved> booked =
              work.query(
                  MOVE_TABLES,
                  MOVE_ALL,
                  rs -> {
                    Map<Integer, Moved> rows = new HashMap<>();
                    while (rs.next()) {
                      int i = rs.getInt("ord") - 1;
                      rows.put(
                          i, new Moved(toSell(moves.get(i).key(), rs), rs.getLong("sequence")));
                    }
                    return rows;
                  },
                  stores,
                  locations,
                  skus,
                  changes,
                  negative,
                  reasons,
                  references,
                  notes,
                  times);
          List<StockMovement> movements = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            Move m = moves.get(i);
            Moved done = booked.get(i);
            if (done == null) { // no level row yet, or short: as one move, which makes or refuses
              movements.add(
                  move(
                      m.key(),
                      m.change(),
                      m.reason(),
                      m.reference(),
                      m.note(),
                      m.at(),
                      m.allowNegative()));
            } else {
              afterMove().put(m.key(), done.level());
              movements.add(
                  new StockMovement(
                      done.sequence(),
                      m.key(),
                      m.change(),
                      m.reason(),
                      m.reference(),
                      m.note(),
                      m.at()));
            }
          }
          return movements;
        });
  }

  /** What a move reads and writes: held-back writes to other tables stay held back. */
  private static final Set<String> MOVE_TABLES =
      Set.of("stock_levels", "stock_movements", "stock_policies");

  /** The level a move left and the sequence of its movement row. */
  private record Moved(AvailableToSell level, long sequence) {}

  /**
   * The conditional update of the level and the insert of its movement, one statement: the movement
   * is written only when the update took place (the stock was there or may go negative).
   */
  private static Optional<Moved> updateAndRecord(
      Handle h,
      StockKey key,
      BigDecimal change,
      boolean allowNegative,
      MovementReason reason,
      String reference,
      String note,
      Instant at) {
    return h.createQuery(MOVE)
        .bind("c", change)
        .bind("neg", allowNegative)
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value())
        .bind("r", reason.name())
        .bind("ref", reference)
        .bind("n", note)
        .bind("at", Timestamp.from(at))
        .map((rs, ctx) -> new Moved(toSell(key, rs), rs.getLong("sequence")))
        .findOne();
  }

  @Override
  public List<StockMovement> movements(StockKey key) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT sequence, change, reason, reference, note, moved_at FROM stock_movements"
                        + " WHERE store_id = :s AND location_id = :l AND sku = :k ORDER BY sequence")
                .bind("s", key.store().value())
                .bind("l", key.location().value())
                .bind("k", key.sku().value())
                .map(
                    (rs, ctx) ->
                        new StockMovement(
                            rs.getLong("sequence"),
                            key,
                            rs.getBigDecimal("change"),
                            MovementReason.valueOf(rs.getString("reason")),
                            rs.getString("reference"),
                            rs.getString("note"),
                            rs.getTimestamp("moved_at").toInstant()))
                .list());
  }

  @Override
  public List<StockLevel> levels(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT location_id, sku, on_hand, reserved FROM stock_levels WHERE store_id = :s"
                        + " ORDER BY location_id, sku")
                .bind("s", store.value())
                .map(
                    (rs, ctx) ->
                        new StockLevel(
                            new StockKey(
                                store,
                                LocationId.of(rs.getString("location_id")),
                                Sku.of(rs.getString("sku"))),
                            rs.getBigDecimal("on_hand"),
                            rs.getBigDecimal("reserved")))
                .list());
  }

  @Override
  public void setReorderRule(ReorderRule rule) {
    rules.remove(rule.key());
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO reorder_rules VALUES (:s, :l, :k, :p, :q) ON CONFLICT (store_id, location_id, sku)"
                        + " DO UPDATE SET reorder_point = :p, reorder_quantity = :q")
                .bind("s", rule.key().store().value())
                .bind("l", rule.key().location().value())
                .bind("k", rule.key().sku().value())
                .bind("p", rule.reorderPoint())
                .bind("q", rule.reorderQuantity())
                .execute());
  }

  @Override
  public Optional<ReorderRule> reorderRule(StockKey key) {
    long now = System.nanoTime();
    CachedRule cached = rules.get(key);
    if (cached != null && now - cached.expiresAt() < 0) {
      return cached.rule();
    }
    Optional<ReorderRule> rule = readRule(key);
    if (rules.size() >= MAX_CACHED_RULES) {
      rules.clear();
    }
    rules.put(key, new CachedRule(rule, now + RULE_TTL.toNanos()));
    return rule;
  }

  private Optional<ReorderRule> readRule(StockKey key) {
    return work.withTables(
        Set.of("reorder_rules"),
        h ->
            h.createQuery(
                    "SELECT reorder_point, reorder_quantity FROM reorder_rules"
                        + " WHERE store_id = :s AND location_id = :l AND sku = :k")
                .bind("s", key.store().value())
                .bind("l", key.location().value())
                .bind("k", key.sku().value())
                .map((rs, ctx) -> new ReorderRule(key, rs.getBigDecimal(1), rs.getBigDecimal(2)))
                .findOne());
  }

  @Override
  public boolean markLow(StockKey key, boolean isLow) {
    return work.withTables(
        MOVE_TABLES,
        h -> {
          ensureRow(h, key);
          return h.createQuery(
                  "UPDATE stock_levels s SET low = :low FROM"
                      + " (SELECT low FROM stock_levels WHERE store_id = :s AND location_id = :l AND sku = :k FOR UPDATE) old"
                      + " WHERE s.store_id = :s AND s.location_id = :l AND s.sku = :k RETURNING old.low")
              .bind("low", isLow)
              .bind("s", key.store().value())
              .bind("l", key.location().value())
              .bind("k", key.sku().value())
              .mapTo(Boolean.class)
              .one();
        });
  }

  @Override
  public boolean allowsNegative(Sku sku) {
    long now = System.nanoTime();
    Long refusedUntil = refusals.get(sku);
    if (refusedUntil != null && now - refusedUntil < 0) {
      return false;
    }
    boolean allow = readPolicy(sku);
    if (!allow) {
      if (refusals.size() >= MAX_CACHED_RULES) {
        refusals.clear();
      }
      refusals.put(sku, now + RULE_TTL.toNanos());
    }
    return allow;
  }

  private boolean readPolicy(Sku sku) {
    return work.withTables(
        Set.of("stock_policies"),
        h ->
            h.createQuery("SELECT allow_negative FROM stock_policies WHERE sku = :k")
                .bind("k", sku.value())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
  }

  @Override
  public void setAllowNegative(Sku sku, boolean allow) {
    refusals.remove(sku);
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO stock_policies VALUES (:k, :a) ON CONFLICT (sku) DO UPDATE SET allow_negative = :a")
                .bind("k", sku.value())
                .bind("a", allow)
                .execute());
  }

  @Override
  public void reserve(String reservationId, StockKey key, BigDecimal quantity, Instant expiresAt) {
    forgetMoves();
    work.with(h -> PostgresReservations.reserve(h, reservationId, key, quantity, expiresAt));
  }

  @Override
  public void shrink(StoreId store, String reservationId, BigDecimal quantity) {
    forgetMoves();
    if (quantity.signum() <= 0) {
      release(store, reservationId);
      return;
    }
    work.with(h -> PostgresReservations.shrink(h, store, reservationId, quantity));
  }

  @Override
  public void release(StoreId store, String reservationId) {
    forgetMoves();
    work.with(h -> PostgresReservations.release(h, store, reservationId));
  }

  @Override
  public int expireReservations(Instant now) {
    forgetMoves();
    return work.with(h -> PostgresReservations.expire(h, now));
  }

  @Override
  public void setSafetyBuffer(StockKey key, BigDecimal buffer) {
    forgetMoves();
    work.with(
        h -> {
          ensureRow(h, key);
          return h.createUpdate(
                  "UPDATE stock_levels SET safety_buffer = :b"
                      + " WHERE store_id = :s AND location_id = :l AND sku = :k")
              .bind("b", buffer)
              .bind("s", key.store().value())
              .bind("l", key.location().value())
              .bind("k", key.sku().value())
              .execute();
        });
  }

  @Override
  public AvailableToSell availableToSell(StockKey key) {
    if (work.inTransaction()) {
      AvailableToSell known = afterMove().remove(key);
      if (known != null) {
        return known; // what this unit of work's move left: no statement at all
      }
    }
    return work.withTables(MOVE_TABLES, h -> toSell(h, key));
  }

  static AvailableToSell toSell(Handle h, StockKey key) {
    return h.createQuery(
            "SELECT on_hand, reserved, safety_buffer FROM stock_levels"
                + " WHERE store_id = :s AND location_id = :l AND sku = :k")
        .bind("s", key.store().value())
        .bind("l", key.location().value())
        .bind("k", key.sku().value())
        .map((rs, ctx) -> toSell(key, rs))
        .findOne()
        .orElse(new AvailableToSell(key, BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty()));
  }

  @Override
  public List<AvailableToSell> availableToSell(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT sku, on_hand, reserved, safety_buffer FROM stock_levels"
                        + " WHERE store_id = :s AND location_id = :l AND safety_buffer IS NOT NULL"
                        + " ORDER BY sku")
                .bind("s", store.value())
                .bind("l", LocationId.FLOOR.value())
                .map(
                    (rs, ctx) ->
                        new AvailableToSell(
                            StockKey.floor(store, Sku.of(rs.getString("sku"))),
                            rs.getBigDecimal("on_hand"),
                            rs.getBigDecimal("reserved"),
                            Optional.of(rs.getBigDecimal("safety_buffer"))))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
