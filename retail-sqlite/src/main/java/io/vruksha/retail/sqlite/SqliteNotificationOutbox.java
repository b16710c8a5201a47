package io.vruksha.retail.sqlite;

import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.notification.NotificationTemplate;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link NotificationOutbox} on SQLite: notifications, the stores' templates and subscriptions.
 * Lists follow the in-memory outbox: subscriptions in the order they were made, a store's
 * notifications newest first, due ones oldest first (then in the order they were added). {@link
 * #claimDue} reads and leases in one unit of work; the store has one writer at a time, so two
 * deliverers of the till never take the same notification. Thread-safe.
 */
public final class SqliteNotificationOutbox implements NotificationOutbox, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The notifications of {@code db}. */
  public SqliteNotificationOutbox(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveTemplate(NotificationTemplate t) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO notification_templates VALUES (:s, :k, :c, :subj, :body)"
                        + " ON CONFLICT (store_id, kind, channel)"
                        + " DO UPDATE SET subject = :subj, body = :body")
                .bind("s", t.store().value())
                .bind("k", t.kind().name())
                .bind("c", t.channel().name())
                .bind("subj", t.subject())
                .bind("body", t.body())
                .execute());
  }

  @Override
  public Optional<NotificationTemplate> template(
      StoreId store, Notification.Kind kind, Notification.Channel channel) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT subject, body FROM notification_templates"
                        + " WHERE store_id = :s AND kind = :k AND channel = :c")
                .bind("s", store.value())
                .bind("k", kind.name())
                .bind("c", channel.name())
                .map(
                    (rs, ctx) ->
                        new NotificationTemplate(
                            store, kind, channel, rs.getString("subject"), rs.getString("body")))
                .findOne());
  }

  @Override
  public void subscribe(NotificationSubscription s) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO notification_subscriptions (store_id, kind, channel, recipient)"
                        + " VALUES (:s, :k, :c, :r) ON CONFLICT DO NOTHING")
                .bind("s", s.store().value())
                .bind("k", s.kind().name())
                .bind("c", s.channel().name())
                .bind("r", s.recipient())
                .execute());
  }

  @Override
  public boolean unsubscribe(NotificationSubscription s) {
    return work.write(
            h ->
                h.createUpdate(
                        "DELETE FROM notification_subscriptions"
                            + " WHERE store_id = :s AND kind = :k AND channel = :c"
                            + " AND recipient = :r")
                    .bind("s", s.store().value())
                    .bind("k", s.kind().name())
                    .bind("c", s.channel().name())
                    .bind("r", s.recipient())
                    .execute())
        > 0;
  }

  @Override
  public List<NotificationSubscription> subscriptions(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT kind, channel, recipient FROM notification_subscriptions"
                        + " WHERE store_id = :s ORDER BY kind, channel, recipient COLLATE JAVA")
                .bind("s", store.value())
                .map(
                    (rs, ctx) ->
                        new NotificationSubscription(
                            store,
                            Notification.Kind.valueOf(rs.getString("kind")),
                            Notification.Channel.valueOf(rs.getString("channel")),
                            rs.getString("recipient")))
                .list());
  }

  @Override
  public boolean add(Notification n) {
    return work.write(
            h ->
                h.createUpdate(
                        "INSERT INTO notifications (store_id, notification_id, kind, channel,"
                            + " recipient, subject, body, status, attempts, created_at,"
                            + " next_attempt_at, last_error, event_id) VALUES (:s, :id, :k, :c, :r,"
                            + " :subj, :body, :st, :n, :at, :next, :err, :ev) ON CONFLICT DO NOTHING")
                    .bindMap(columns(n))
                    .execute())
        == 1;
  }

  /** The attempt's outcome on the stored row only, as {@link NotificationOutbox#update} says. */
  @Override
  public void update(Notification n) {
    work.write(
        h ->
            h.createUpdate(
                    "UPDATE notifications SET status = :st, attempts = :n, next_attempt_at = :next,"
                        + " last_error = :err WHERE store_id = :s AND notification_id = :id")
                .bind("st", n.status().name())
                .bind("n", n.attempts())
                .bind("next", SqliteValues.micros(n.nextAttemptAt()))
                .bind("err", n.lastError().orElse(null))
                .bind("s", n.store().value())
                .bind("id", n.id())
                .execute());
  }

  private static int put(Handle h, Notification n) {
    return h.createUpdate(
            "INSERT INTO notifications (store_id, notification_id, kind, channel, recipient,"
                + " subject, body, status, attempts, created_at, next_attempt_at, last_error,"
                + " event_id) VALUES (:s, :id, :k, :c, :r, :subj, :body, :st, :n, :at, :next,"
                + " :err, :ev) ON CONFLICT (store_id, notification_id) DO UPDATE SET"
                + " kind = :k, channel = :c, recipient = :r, subject = :subj, body = :body,"
                + " status = :st, attempts = :n, created_at = :at, next_attempt_at = :next,"
                + " last_error = :err, event_id = :ev")
        .bindMap(columns(n))
        .execute();
  }

  private static Map<String, Object> columns(Notification n) {
    Map<String, Object> c = new HashMap<>();
    c.put("s", n.store().value());
    c.put("id", n.id());
    c.put("k", n.kind().name());
    c.put("c", n.channel().name());
    c.put("r", n.recipient());
    c.put("subj", n.subject());
    c.put("body", n.body());
    c.put("st", n.status().name());
    c.put("n", n.attempts());
    c.put("at", SqliteValues.micros(n.createdAt()));
    c.put("next", SqliteValues.micros(n.nextAttemptAt()));
    c.put("err", n.lastError().orElse(null));
    c.put("ev", n.eventId());
    return c;
  }

  private static Notification notification(ResultSet rs) throws SQLException {
    return new Notification(
        StoreId.of(rs.getString("store_id")),
        rs.getString("notification_id"),
        Notification.Kind.valueOf(rs.getString("kind")),
        Notification.Channel.valueOf(rs.getString("channel")),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body"),
        Notification.Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        SqliteValues.instant(rs.getLong("created_at")),
        SqliteValues.instant(rs.getLong("next_attempt_at")),
        Optional.ofNullable(rs.getString("last_error")),
        rs.getString("event_id"));
  }

  @Override
  public List<Notification> claimDue(Instant now, Instant leaseUntil, int limit) {
    requireLimit(limit);
    return work.write(
        h -> {
          List<Notification> due =
              h.createQuery(
                      "SELECT * FROM notifications WHERE status = 'PENDING'"
                          + " AND next_attempt_at <= :now ORDER BY next_attempt_at, seq LIMIT :limit")
                  .bind("now", SqliteValues.micros(now))
                  .bind("limit", limit)
                  .map((rs, ctx) -> notification(rs))
                  .list();
          List<Notification> leased = due.stream().map(n -> n.dueAt(leaseUntil)).toList();
          leased.forEach(n -> put(h, n));
          return leased;
        });
  }

  @Override
  public Optional<Notification> find(StoreId store, String id) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM notifications WHERE store_id = :s AND notification_id = :id")
                .bind("s", store.value())
                .bind("id", id)
                .map((rs, ctx) -> notification(rs))
                .findOne());
  }

  @Override
  public List<Notification> list(StoreId store, int limit) {
    requireLimit(limit);
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM notifications WHERE store_id = :s ORDER BY seq DESC LIMIT :limit")
                .bind("s", store.value())
                .bind("limit", limit)
                .map((rs, ctx) -> notification(rs))
                .list());
  }

  /** SQLite reads a negative limit as none; the in-memory outbox refuses one, and so does this. */
  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(Integer.toString(limit));
    }
  }

  /** Every store's notifications to {@code recipient}: pending ones go, the others are scrubbed. */
  @Override
  public int forgetRecipient(String recipient) {
    if (recipient == null || recipient.isBlank()) {
      return 0;
    }
    return work.write(
        h ->
            h.createUpdate("DELETE FROM notifications WHERE recipient = :r AND status = 'PENDING'")
                    .bind("r", recipient)
                    .execute()
                + h.createUpdate(
                        "UPDATE notifications SET recipient = :a, subject = :a, body = :a"
                            + " WHERE recipient = :r")
                    .bind("r", recipient)
                    .bind("a", Notification.ANONYMISED)
                    .execute());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
