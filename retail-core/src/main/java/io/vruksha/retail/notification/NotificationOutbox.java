package io.vruksha.retail.notification;

import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: notifications waiting for delivery (and delivered ones), the stores' templates and
 * subscriptions. Implementations must be thread-safe.
 */
public interface NotificationOutbox {

  /** Saves a store's template for a kind and channel. */
  void saveTemplate(NotificationTemplate template);

  /** A store's own template, if it set one. */
  Optional<NotificationTemplate> template(
      StoreId store, Notification.Kind kind, Notification.Channel channel);

  /** Adds a subscription (an existing one is kept once). */
  void subscribe(NotificationSubscription subscription);

  /** Removes a subscription; false when there was none. */
  boolean unsubscribe(NotificationSubscription subscription);

  /** A store's subscriptions. */
  List<NotificationSubscription> subscriptions(StoreId store);

  /** Adds a notification; false (and nothing changes) when its id exists. */
  boolean add(Notification notification);

  /**
   * Claims up to {@code limit} pending notifications due at {@code now}, oldest first, by moving
   * their next attempt to {@code leaseUntil}: another deliverer will not take them before then.
   */
  List<Notification> claimDue(Instant now, Instant leaseUntil, int limit);

  /**
   * Saves the outcome of a delivery attempt (status, attempts, next attempt, error) on the stored
   * notification; its recipient, subject and body stay as stored, and one no longer stored (its
   * recipient forgotten while it was being delivered) stays gone.
   */
  void update(Notification notification);

  /** The notification {@code id} of {@code store}. */
  Optional<Notification> find(StoreId store, String id);

  /** A store's notifications, newest first, at most {@code limit}. */
  List<Notification> list(StoreId store, int limit);

  /**
   * Removes a person's address from the notifications of every store, for a customer who was
   * anonymised: those still pending to {@code recipient} are dropped (nothing more is sent to
   * someone who asked to be forgotten); those sent or failed keep their store, kind, channel,
   * status, attempts, times and event, with the recipient, subject and body replaced by {@code
   * anonymised}. Joins the unit of work. A blank recipient changes nothing.
   *
   * @return how many notifications were dropped or scrubbed
   */
  int forgetRecipient(String recipient);
}
