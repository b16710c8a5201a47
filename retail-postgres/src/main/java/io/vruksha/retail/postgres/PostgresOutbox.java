package io.vruksha.retail.postgres;

import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.postgres.OutboxRows.Row;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link Outbox} on PostgreSQL: one row per unit of work, written in its transaction, holding its
 * events in the order appended ({@link OutboxRows}). A checkout's five events cost one row, one
 * index entry and one tuple header instead of five. {@link #claim} hands rows to one relay with
 * {@code FOR UPDATE SKIP LOCKED}, so several relays can run at once without publishing an event
 * twice. A sent row is deleted ({@link #markSent}, {@link #claimAsSent}): the table holds what is
 * still to be published, and the stream keeps the rest. Thread-safe.
 *
 * <p>Limits: {@link #pending} returns exactly {@code limit} events when there are as many (a row's
 * other events stay pending); {@link #claim} and {@link #claimAsSent} take whole rows: as many as
 * {@code limit} events fill at the events a row held in this outbox's previous read (the first
 * time, the rows at the head of the table that hold no more than {@code limit}), at least one. A
 * batch is so bounded in events roughly, not exactly; a row holds at most {@value
 * OutboxRows#MAX_EVENTS_A_ROW} events.
 */
public final class PostgresOutbox implements Outbox, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /**
   * Events per row in the last read that found rows: how many rows a batch of events takes; 0 until
   * then (the head of the table is counted instead).
   */
  private volatile double eventsPerRow;

  /**
   * The row of each event a read handed out, so that {@link #markSent} finds it by key. A row only
   * ever loses events, so a remembered position is either still right or the event is gone.
   */
  private final Map<UUID, Long> rowOf = new ConcurrentHashMap<>();

  /** Beyond this many remembered rows, the memory starts again (a later lookup scans instead). */
  private static final int MAX_REMEMBERED = 100_000;

  /** The outbox of {@code db}. */
  public PostgresOutbox(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  private static final String INSERT =
      "INSERT INTO outbox (event_count, events) VALUES (?, CAST(? AS jsonb))";

  /**
   * Holds the event for the running transaction's row, written just before it commits with its
   * other writes (one round trip for them all, {@link PostgresUnitOfWork#defer}); a rollback drops
   * it with the transaction. Outside a unit of work, the event's row is written at once.
   */
  @Override
  public void append(EventEnvelope e) {
    if (!work.inTransaction()) {
      work.defer(INSERT, 1, OutboxRows.write(List.of(e)));
      return;
    }
    List<EventEnvelope> held = held();
    held.add(e);
    if (held.size() == OutboxRows.MAX_EVENTS_A_ROW) {
      write(held);
    }
  }

  /** The running transaction's events not yet in a row; the first use arranges their writing. */
  private List<EventEnvelope> held() {
    Held held = work.transactionLocal(this, Held::new);
    if (!held.arranged) {
      held.arranged = true;
      work.beforeCommit(() -> write(held.events));
    }
    return held.events;
  }

  /** A transaction's events not yet in a row, and whether their writing at commit is arranged. */
  private static final class Held {
    final List<EventEnvelope> events = new ArrayList<>();
    boolean arranged;
  }

  private void write(List<EventEnvelope> held) {
    if (!held.isEmpty()) {
      work.defer(INSERT, held.size(), OutboxRows.write(held));
      held.clear();
    }
  }

  /** A read of the outbox sees the transaction's own events: their row is written first. */
  private void writeHeld() {
    if (work.inTransaction()) {
      write(held());
    }
  }

  @Override
  public List<EventEnvelope> pending(int limit) {
    if (limit < 1) {
      return List.of();
    }
    writeHeld();
    return work.with(
        h -> {
          List<EventEnvelope> events = new ArrayList<>();
          long after = 0;
          while (events.size() < limit) {
            int n = rowsFor(h, limit - events.size());
            List<Row> rows =
                h.createQuery(
                        "SELECT position, events FROM outbox WHERE position > :after"
                            + " ORDER BY position LIMIT :n")
                    .bind("after", after)
                    .bind("n", n)
                    .map((rs, ctx) -> OutboxRows.read(rs.getLong(1), rs.getString(2)))
                    .list();
            learn(rows);
            for (Row r : rows) {
              remember(r);
              events.addAll(r.events());
              after = r.position();
            }
            if (rows.size() < n) {
              break;
            }
          }
          return events.size() > limit ? List.copyOf(events.subList(0, limit)) : events;
        });
  }

  /**
   * The most events {@link #pendingCount} counts: after a long NATS outage, a gauge stays cheap.
   */
  public static final long COUNT_LIMIT = 1_000_000;

  /**
   * The unsent events, counted from the rows' {@code event_count} up to {@link #COUNT_LIMIT}; more
   * reads as {@code COUNT_LIMIT + 1}.
   */
  @Override
  public long pendingCount() {
    writeHeld();
    long n =
        work.with(
            h ->
                h.createQuery(
                        "SELECT coalesce(sum(event_count), 0) FROM"
                            + " (SELECT event_count FROM outbox LIMIT :n) x")
                    .bind("n", COUNT_LIMIT + 1)
                    .mapTo(Long.class)
                    .one());
    return Math.min(n, COUNT_LIMIT + 1);
  }

  /**
   * Claims the oldest rows no other relay holds, about {@code limit} events in whole rows, for one
   * relay inside the caller's unit of work. Mark them sent in the same unit of work once published.
   */
  @Override
  public List<EventEnvelope> claim(int limit) {
    writeHeld();
    return work.with(
        h -> {
          List<Row> rows =
              h.createQuery(
                      "SELECT position, events FROM outbox ORDER BY position LIMIT :n"
                          + " FOR UPDATE SKIP LOCKED")
                  .bind("n", rowsFor(h, limit))
                  .map((rs, ctx) -> OutboxRows.read(rs.getLong(1), rs.getString(2)))
                  .list();
          learn(rows);
          rows.forEach(this::remember);
          return events(rows);
        });
  }

  /**
   * The relay's claim (its plan is pinned by HotPathPlansIT). A delete, not an update of a sent
   * flag: an update wrote each row again, payload and index entries, and was four fifths of
   * PostgreSQL's work per relayed event. The locked positions are handed over as an array: a join
   * or an {@code IN} on them was planned as a scan of the whole table once the batch size was a
   * parameter.
   */
  static final String CLAIM_AS_SENT =
      "DELETE FROM outbox WHERE position = ANY(ARRAY(SELECT position FROM outbox"
          + " ORDER BY position LIMIT :n FOR UPDATE SKIP LOCKED)) RETURNING position, events";

  /**
   * Claims and marks in one statement: the oldest rows no other relay holds, about {@code limit}
   * events in whole rows, are locked and deleted in the caller's unit of work, whose rollback
   * brings them back. Their events come oldest first, each row's in the order appended.
   */
  @Override
  public List<EventEnvelope> claimAsSent(int limit) {
    writeHeld();
    return work.with(
        h -> {
          List<Row> rows =
              h.createQuery(CLAIM_AS_SENT)
                  .bind("n", rowsFor(h, limit))
                  .map((rs, ctx) -> OutboxRows.read(rs.getLong(1), rs.getString(2)))
                  .list();
          // DELETE ... RETURNING gives no order: back to the outbox's
          List<Row> ordered = new ArrayList<>(rows);
          ordered.sort(Comparator.comparingLong(Row::position));
          learn(ordered);
          return events(ordered);
        });
  }

  /**
   * Takes the events out of their rows, in the running transaction: a row left without events is
   * deleted, a row with others left is written again without these (an event passed over alone).
   */
  @Override
  public void markSent(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    writeHeld();
    List<Long> positions = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    boolean unknown = false;
    for (UUID id : eventIds) {
      ids.add(id.toString());
      Long position = rowOf.get(id);
      if (position == null) {
        unknown = true;
      } else if (!positions.contains(position)) {
        positions.add(position);
      }
    }
    boolean scan = unknown;
    work.with(
        h -> {
          if (!positions.isEmpty()) {
            remove(h, "o.position = ANY(CAST(:p AS bigint[]))", ids, positions);
          }
          if (scan) {
            // an event no read of this outbox handed out: found by a scan of the table
            remove(
                h,
                "EXISTS (SELECT 1 FROM jsonb_array_elements(o.events) f"
                    + " WHERE f->>'id' = ANY(CAST(:ids AS text[])))",
                ids,
                List.of());
          }
          return null;
        });
    eventIds.forEach(rowOf::remove);
  }

  /** Takes {@code ids} out of the rows {@code where} selects (alias {@code o}). */
  private static void remove(Handle h, String where, List<String> ids, List<Long> positions) {
    Update update =
        h.createUpdate(
            "WITH hit AS (SELECT o.position, k.kept, k.n FROM outbox o, LATERAL"
                + " (SELECT jsonb_agg(e ORDER BY i) AS kept, count(*) AS n"
                + " FROM jsonb_array_elements(o.events) WITH ORDINALITY a(e, i)"
                + " WHERE NOT (e->>'id' = ANY(CAST(:ids AS text[])))) k WHERE "
                + where
                + " FOR UPDATE OF o),"
                + " gone AS (DELETE FROM outbox o USING hit WHERE o.position = hit.position"
                + " AND hit.kept IS NULL)"
                + " UPDATE outbox o SET events = hit.kept, event_count = hit.n FROM hit"
                + " WHERE o.position = hit.position AND hit.kept IS NOT NULL AND hit.n < o.event_count");
    update.bindArray("ids", String.class, ids.toArray());
    if (!positions.isEmpty()) {
      update.bindArray("p", Long.class, positions.toArray());
    }
    update.execute();
  }

  /**
   * Rows for about {@code events} events, at the last read's events a row, or the first time as
   * many rows at the head of the table as hold no more than {@code events}; at least one.
   */
  private int rowsFor(Handle h, int events) {
    double perRow = eventsPerRow;
    if (perRow > 0) {
      return (int) Math.max(1, Math.min(events, Math.floor(events / perRow)));
    }
    int rows =
        h.createQuery(
                "SELECT count(*) FROM (SELECT sum(event_count) OVER (ORDER BY position) AS upto"
                    + " FROM (SELECT position, event_count FROM outbox ORDER BY position"
                    + " LIMIT :n) r) x WHERE upto <= :n")
            .bind("n", Math.max(1, events))
            .mapTo(Integer.class)
            .one();
    return Math.max(1, rows);
  }

  private void learn(List<Row> rows) {
    if (!rows.isEmpty()) {
      int events = 0;
      for (Row r : rows) {
        events += r.events().size();
      }
      eventsPerRow = (double) events / rows.size();
    }
  }

  private void remember(Row row) {
    if (rowOf.size() > MAX_REMEMBERED) {
      rowOf.clear();
    }
    for (EventEnvelope e : row.events()) {
      rowOf.put(e.eventId(), row.position());
    }
  }

  private static List<EventEnvelope> events(List<Row> rows) {
    if (rows.size() == 1) {
      return rows.get(0).events();
    }
    List<EventEnvelope> events = new ArrayList<>();
    rows.forEach(r -> events.addAll(r.events()));
    return events;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
