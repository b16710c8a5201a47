package io.vruksha.retail.event;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it travels: its id (the de-duplication id on the wire), subject, store, time,
 * correlation id (the request or sale that caused it), schema version and payload.
 *
 * @param eventId unique id; consumers process each id once
 * @param subject the subject, from the payload
 * @param store the store
 * @param occurredAt when it happened
 * @param correlationId what caused it
 * @param schemaVersion the payload's schema version
 * @param payload the event
 */
public record EventEnvelope(
    UUID eventId,
    String subject,
    StoreId store,
    Instant occurredAt,
    String correlationId,
    int schemaVersion,
    DomainEvent payload) {

  /** Checks for nulls. */
  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(occurredAt, "occurredAt");
    occurredAt = Instants.micros(occurredAt);
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(payload, "payload");
  }

  /** Wraps {@code event} with a fresh id, version 1. */
  public static EventEnvelope of(DomainEvent event, Instant at, String correlationId) {
    return new EventEnvelope(
        UUID.randomUUID(), event.subject(), event.store(), at, correlationId, 1, event);
  }
}
