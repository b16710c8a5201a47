package io.vruksha.retail.sqlite;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@link Outbox} on SQLite: the events a till's changes wrote, one row each in the unit of work of
 * the change, the payload as JSON with its event type, in the order appended. A sent event's row is
 * deleted ({@link #markSent}, {@link #claimAsSent}), as in PostgreSQL: the table holds what is
 * still to publish or to react to, and survives a crash with its order. The store has one writer at
 * a time, so a claim inside a unit of work is the only one until that unit ends; its rollback
 * brings the claimed rows back in their places. Thread-safe.
 */
public final class SqliteOutbox implements Outbox, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The outbox of {@code db}. */
  public SqliteOutbox(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void append(EventEnvelope e) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO outbox (event_id, subject, store_id, occurred_at, correlation_id,"
                        + " schema_version, payload_type, payload)"
                        + " VALUES (:id, :subject, :s, :at, :corr, :v, :type, :payload)")
                .bind("id", e.eventId().toString())
                .bind("subject", e.subject())
                .bind("s", e.store().value())
                .bind("at", SqliteValues.micros(e.occurredAt()))
                .bind("corr", e.correlationId())
                .bind("v", e.schemaVersion())
                .bind("type", e.payload().getClass().getName())
                .bind("payload", DocumentJson.write(e.payload()))
                .execute());
  }

  @Override
  public List<EventEnvelope> pending(int limit) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM outbox ORDER BY position LIMIT :n")
                .bind("n", Math.max(limit, 0))
                .map((rs, ctx) -> read(rs))
                .list());
  }

  @Override
  public long pendingCount() {
    return work.with(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
  }

  /**
   * Reads and deletes the oldest {@code limit} rows and answers their events, in the caller's unit
   * of work (or one of its own when there is none).
   */
  @Override
  public List<EventEnvelope> claimAsSent(int limit) {
    return work.write(
        h -> {
          List<EventEnvelope> claimed =
              h.createQuery("SELECT * FROM outbox ORDER BY position LIMIT :n")
                  .bind("n", Math.max(limit, 0))
                  .map((rs, ctx) -> read(rs))
                  .list();
          if (!claimed.isEmpty()) {
            delete(h, claimed.stream().map(EventEnvelope::eventId).toList());
          }
          return claimed;
        });
  }

  /** Deletes the events' rows; ids not (or no longer) in the outbox are ignored. */
  @Override
  public void markSent(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    work.write(h -> delete(h, List.copyOf(eventIds)));
  }

  /** At most this many ids in one statement, well under SQLite's limit on parameters. */
  private static final int BATCH = 500;

  private static int delete(Handle h, List<UUID> ids) {
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += BATCH) {
      deleted +=
          h.createUpdate("DELETE FROM outbox WHERE event_id IN (<ids>)")
              .bindList(
                  "ids",
                  ids.subList(from, Math.min(from + BATCH, ids.size())).stream()
                      .map(UUID::toString)
                      .toList())
              .execute();
    }
    return deleted;
  }

  /** The event classes by the name stored with each row. */
  private static final Map<String, Class<?>> PAYLOAD_CLASSES = payloadClasses();

  private static Map<String, Class<?>> payloadClasses() {
    Map<String, Class<?>> classes = new HashMap<>();
    for (Class<?> c : DomainEvent.class.getPermittedSubclasses()) {
      classes.put(c.getName(), c);
    }
    return Map.copyOf(classes);
  }

  private static EventEnvelope read(ResultSet rs) throws SQLException {
    String type = rs.getString("payload_type");
    Class<?> c = PAYLOAD_CLASSES.get(type);
    if (c == null) {
      throw new UnavailableException(
          "outbox row " + rs.getString("event_id") + " has an unknown event type " + type, null);
    }
    DomainEvent payload = (DomainEvent) DocumentJson.read(rs.getString("payload"), c);
    return new EventEnvelope(
        UUID.fromString(rs.getString("event_id")),
        rs.getString("subject"),
        StoreId.of(rs.getString("store_id")),
        SqliteValues.instant(rs.getLong("occurred_at")),
        rs.getString("correlation_id"),
        rs.getInt("schema_version"),
        payload);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
