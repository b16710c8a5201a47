package io.vruksha.retail.notification;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one recipient on one channel, and how its delivery went.
 *
 * @param store the store it concerns
 * @param id its id (derived from the event and recipient, so an event never notifies twice)
 * @param kind what it is about
 * @param channel how it travels
 * @param recipient an e-mail address, a phone number or a webhook URL
 * @param subject the rendered subject
 * @param body the rendered body
 * @param status where delivery stands
 * @param attempts delivery attempts made
 * @param createdAt when it was created
 * @param nextAttemptAt when delivery is (next) due
 * @param lastError why the last attempt failed
 * @param eventId the event that caused it
 */
public record Notification(
    StoreId store,
    String id,
    Kind kind,
    Channel channel,
    String recipient,
    String subject,
    String body,
    Status status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Optional<String> lastError,
    String eventId) {

  /** What a notification is about. */
  public enum Kind {
    /** An order is ready for collection (to the customer). */
    ORDER_READY,
    /** A customer earned loyalty points (to the customer). */
    POINTS_EARNED,
    /** Stock fell below its reorder point (to the manager). */
    LOW_STOCK,
    /** A purchase order was sent to its supplier (to the manager). */
    PURCHASE_ORDER_SENT
  }

  /** How a notification travels. */
  public enum Channel {
    /** E-mail. */
    EMAIL,
    /** Text message. */
    SMS,
    /** An HTTP POST, signed, to a URL. */
    WEBHOOK
  }

  /** Where delivery stands. */
  public enum Status {
    /** Waiting for (another) attempt. */
    PENDING,
    /** Delivered. */
    SENT,
    /** Given up after the last attempt. */
    FAILED
  }

  /** Checks for nulls. */
  public Notification {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(eventId, "eventId");
    createdAt = Instants.micros(createdAt);
    nextAttemptAt = Instants.micros(nextAttemptAt);
  }

  /** What {@code recipient}, {@code subject} and {@code body} become once a person is forgotten. */
  public static final String ANONYMISED = "anonymised";

  /**
   * This notification with the person taken out: recipient, subject and body {@link #ANONYMISED};
   * the rest (store, kind, channel, status, attempts, times, event) as it was.
   */
  public Notification withoutRecipient() {
    return new Notification(
        store,
        id,
        kind,
        channel,
        ANONYMISED,
        ANONYMISED,
        ANONYMISED,
        status,
        attempts,
        createdAt,
        nextAttemptAt,
        lastError,
        eventId);
  }

  /** This notification due again at {@code at} (leased until then, or released now). */
  public Notification dueAt(Instant at) {
    return withDelivery(status, attempts, at, lastError);
  }

  /**
   * This notification with the outcome of {@code attempt} (its status, attempts, next attempt and
   * error) and everything else as it is here: what an adapter saves after a delivery attempt, so
   * that an attempt begun before the recipient was forgotten cannot bring the person back.
   */
  public Notification withOutcomeOf(Notification attempt) {
    return withDelivery(
        attempt.status(), attempt.attempts(), attempt.nextAttemptAt(), attempt.lastError());
  }

  /** This notification after an attempt. */
  public Notification attempted(Status next, Instant nextAttempt, Optional<String> error) {
    return withDelivery(next, attempts + 1, nextAttempt, error);
  }

  /** This notification with other delivery fields, its person and content as they are. */
  private Notification withDelivery(
      Status status, int attempts, Instant nextAttemptAt, Optional<String> lastError) {
    return new Notification(
        store,
        id,
        kind,
        channel,
        recipient,
        subject,
        body,
        status,
        attempts,
        createdAt,
        nextAttemptAt,
        lastError,
        eventId);
  }
}
