package io.vruksha.retail.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link Outbox} on PostgreSQL: events are rows written in the business transaction, the payload as
 * JSON with its event type. {@link #claim} hands a batch to one relay with {@code FOR UPDATE SKIP
 * LOCKED}, so several relays can run at once without publishing a row twice. A sent event's row is
 * deleted ({@link #markSent}, {@link #claimAsSent}): the table holds what is still to be published,
 * and the stream keeps the rest. Thread-safe.
 */
public final class PostgresOutbox implements Outbox, JoinsUnitOfWork {

  static final ObjectMapper JSON = DocumentJson.MAPPER;

  private final PostgresUnitOfWork work;

  /** The outbox of {@code db}. */
  public PostgresOutbox(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  private static final String INSERT =
      "INSERT INTO outbox (event_id, subject, store_id, occurred_at, correlation_id, schema_version,"
          + " payload_type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";

  /**
   * Writes the event in the running transaction, sent with its other writes (one round trip for
   * them all, {@link PostgresUnitOfWork#defer}); a rollback drops it with the transaction.
   */
  @Override
  public void append(EventEnvelope e) {
    String payload;
    try {
      payload = JSON.writeValueAsString(e.payload());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("event " + e.subject() + " cannot be written as JSON", ex);
    }
    work.defer(
        INSERT,
        e.eventId(),
        e.subject(),
        e.store().value(),
        Timestamp.from(e.occurredAt()),
        e.correlationId(),
        e.schemaVersion(),
        e.payload().getClass().getName(),
        payload);
  }

  @Override
  public List<EventEnvelope> pending(int limit) {
    // this transaction's own appends are sent before the read (PostgresUnitOfWork.with)
    return work.with(
        h ->
            h.createQuery("SELECT * FROM outbox ORDER BY position LIMIT :n")
                .bind("n", limit)
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /** The most rows {@link #pendingCount} counts: after a long NATS outage, a gauge stays cheap. */
  public static final long COUNT_LIMIT = 1_000_000;

  /**
   * The table's rows, which are the unsent events, counted up to {@link #COUNT_LIMIT}; more reads
   * as {@code COUNT_LIMIT + 1}.
   */
  @Override
  public long pendingCount() {
    return work.with(
        h ->
            h.createQuery("SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT :n) x")
                .bind("n", COUNT_LIMIT + 1)
                .mapTo(Long.class)
                .one());
  }

  /**
   * Claims up to {@code limit} unsent events for one relay inside the caller's unit of work: rows
   * another relay holds are skipped. Mark them sent in the same unit of work once published.
   */
  @Override
  public List<EventEnvelope> claim(int limit) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM outbox ORDER BY position LIMIT :n FOR UPDATE SKIP LOCKED")
                .bind("n", limit)
                .map((rs, ctx) -> read(rs))
                .list());
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
          + " ORDER BY position LIMIT :n FOR UPDATE SKIP LOCKED)) RETURNING *";

  /**
   * Claims and marks in one statement: the oldest rows no other relay holds are locked and deleted,
   * in the caller's unit of work, whose rollback brings them back.
   */
  @Override
  public List<EventEnvelope> claimAsSent(int limit) {
    return work.with(
        h ->
            h
                .createQuery(CLAIM_AS_SENT)
                .bind("n", limit)
                .map((rs, ctx) -> Map.entry(rs.getLong("position"), read(rs)))
                .list()
                .stream()
                // DELETE ... RETURNING gives no order: back to the outbox's
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList());
  }

  /** Deletes the events' rows, in the running transaction. */
  @Override
  public void markSent(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    work.with(
        h ->
            h.createUpdate("DELETE FROM outbox WHERE event_id IN (<ids>)")
                .bindList("ids", List.copyOf(eventIds))
                .execute());
  }

  /** The event classes by the name stored with each row, so a relay's batch looks each up once. */
  private static final Map<String, Class<?>> PAYLOAD_CLASSES = payloadClasses();

  private static Map<String, Class<?>> payloadClasses() {
    Map<String, Class<?>> classes = new HashMap<>();
    for (Class<?> c : DomainEvent.class.getPermittedSubclasses()) {
      classes.put(c.getName(), c);
    }
    return Map.copyOf(classes);
  }

  private static Class<?> payloadClass(String type) {
    Class<?> c = type == null ? null : PAYLOAD_CLASSES.get(type);
    if (c == null) {
      throw new IllegalArgumentException("no event type " + type);
    }
    return c;
  }

  private static EventEnvelope read(ResultSet rs) throws SQLException {
    String type = rs.getString("payload_type");
    DomainEvent payload;
    try {
      payload = (DomainEvent) JSON.readValue(rs.getString("payload"), payloadClass(type));
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      throw new UnavailableException(
          "outbox row " + rs.getString("event_id") + " has an unreadable " + type, e);
    }
    return new EventEnvelope(
        UUID.fromString(rs.getString("event_id")),
        rs.getString("subject"),
        StoreId.of(rs.getString("store_id")),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("correlation_id"),
        rs.getInt("schema_version"),
        payload);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
