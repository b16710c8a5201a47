package io.vruksha.retail.postgres;

import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.notification.NotificationTemplate;
import io.vruksha.retail.store.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link NotificationOutbox} on PostgreSQL. {@link #claimDue} leases due rows with {@code FOR
 * UPDATE SKIP LOCKED}, so several servers deliver side by side without taking the same
 * notification. Thread-safe.
 */
public final class PostgresNotificationOutbox implements NotificationOutbox {

  private final PostgresUnitOfWork work;

  /** The notifications of {@code db}. */
  public PostgresNotificationOutbox(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveTemplate(NotificationTemplate t) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO notification_templates VALUES (:s, :k, :c, :subj, :body)"
                        + " ON CONFLICT (store_id, kind, channel) DO UPDATE SET subject = :subj, body = :body")
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
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO notification_subscriptions VALUES (:s, :k, :c, :r) ON CONFLICT DO NOTHING")
                .bind("s", s.store().value())
                .bind("k", s.kind().name())
                .bind("c", s.channel().name())
                .bind("r", s.recipient())
                .execute());
  }

  @Override
  public boolean unsubscribe(NotificationSubscription s) {
    return work.with(
            h ->
                h.createUpdate(
                        "DELETE FROM notification_subscriptions"
                            + " WHERE store_id = :s AND kind = :k AND channel = :c AND recipient = :r")
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
                    "SELECT kind, channel, recipient FROM notification_subscriptions WHERE store_id = :s"
                        + " ORDER BY kind, channel, recipient")
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
    return work.with(
            h ->
                h.createUpdate(
                        "INSERT INTO notifications (store_id, notification_id, kind, channel, recipient,"
                            + " subject, body, status, attempts, created_at, next_attempt_at, last_error,"
                            + " event_id) VALUES (:s, :id, :k, :c, :r, :subj, :body, :st, :n, :at, :next,"
                            + " :err, :ev) ON CONFLICT DO NOTHING")
                    .bind("s", n.store().value())
                    .bind("id", n.id())
                    .bind("k", n.kind().name())
                    .bind("c", n.channel().name())
                    .bind("r", n.recipient())
                    .bind("subj", n.subject())
                    .bind("body", n.body())
                    .bind("st", n.status().name())
                    .bind("n", n.attempts())
                    .bind("at", Timestamp.from(n.createdAt()))
                    .bind("next", Timestamp.from(n.nextAttemptAt()))
                    .bind("err", n.lastError().orElse(null))
                    .bind("ev", n.eventId())
                    .execute())
        == 1;
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
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("next_attempt_at").toInstant(),
        Optional.ofNullable(rs.getString("last_error")),
        rs.getString("event_id"));
  }

  @Override
  public List<Notification> claimDue(Instant now, Instant leaseUntil, int limit) {
    return work.with(
        h ->
            h.createQuery(
                    "UPDATE notifications n SET next_attempt_at = :lease FROM"
                        + " (SELECT store_id, notification_id FROM notifications"
                        + " WHERE status = 'PENDING' AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at, sequence LIMIT :limit FOR UPDATE SKIP LOCKED) due"
                        + " WHERE n.store_id = due.store_id AND n.notification_id = due.notification_id"
                        + " RETURNING n.*")
                .bind("lease", Timestamp.from(leaseUntil))
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .map((rs, ctx) -> notification(rs))
                .list());
  }

  @Override
  public void update(Notification n) {
    work.with(
        h ->
            h.createUpdate(
                    "UPDATE notifications SET status = :st, attempts = :n, next_attempt_at = :next,"
                        + " last_error = :err WHERE store_id = :s AND notification_id = :id")
                .bind("st", n.status().name())
                .bind("n", n.attempts())
                .bind("next", Timestamp.from(n.nextAttemptAt()))
                .bind("err", n.lastError().orElse(null))
                .bind("s", n.store().value())
                .bind("id", n.id())
                .execute());
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
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM notifications WHERE store_id = :s ORDER BY sequence DESC LIMIT :limit")
                .bind("s", store.value())
                .bind("limit", limit)
                .map((rs, ctx) -> notification(rs))
                .list());
  }

  /**
   * Every store's notifications: the table is outside row-level security (the deliverer leases
   * every store's), so the anonymising store's work reaches those of other stores too.
   */
  @Override
  public int forgetRecipient(String recipient) {
    if (recipient == null || recipient.isBlank()) {
      return 0;
    }
    return work.with(
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
}
