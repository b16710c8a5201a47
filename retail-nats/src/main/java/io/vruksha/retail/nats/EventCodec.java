package io.vruksha.retail.nats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Puts an event on the wire and takes it off: the payload as JSON, the envelope in headers ({@code
 * Nats-Msg-Id} = event id, store, occurred-at, correlation id, schema version, event type).
 */
final class EventCodec {

  static final String STORE = "Retail-Store";
  static final String OCCURRED_AT = "Retail-Occurred-At";
  static final String CORRELATION = "Retail-Correlation-Id";
  static final String SCHEMA = "Retail-Schema-Version";
  static final String TYPE = "Retail-Event-Type";
  static final String SUBJECT = "Retail-Subject";
  static final String FAILURE = "Retail-Failure";
  static final String MSG_ID = "Nats-Msg-Id";

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
  private abstract static class Typed {}

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .addMixIn(Reward.class, Typed.class)
          .addMixIn(Money.class, MoneyMixin.class)
          .addMixIn(StoreId.class, StoreIdMixin.class);

  static {
    // amounts and quantities are decimal strings on the wire: exact in every language
    JSON.configOverride(BigDecimal.class)
        .setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
  }

  /** A store is its id as a plain string. */
  private abstract static class StoreIdMixin {
    @JsonValue
    abstract String value();

    @JsonCreator
    static StoreId of(String value) {
      return null;
    }
  }

  /** The payload types by the name on the wire ({@code Retail-Event-Type}), and nothing else. */
  private static final Map<String, Class<?>> TYPES = types();

  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> types = new HashMap<>();
    for (Class<?> c : DomainEvent.class.getPermittedSubclasses()) {
      types.put(c.getSimpleName(), c);
      types.put(c.getName(), c); // as written before the simple names
    }
    return Map.copyOf(types);
  }

  /** The name of an event's type on the wire, e.g. {@code SaleCompleted}. */
  static String typeName(DomainEvent event) {
    return event.getClass().getSimpleName();
  }

  /** Money on the wire is its amount and currency only, not its derived flags. */
  @JsonIgnoreProperties({"zero", "negative", "positive"})
  private abstract static class MoneyMixin {}

  private EventCodec() {}

  static Headers headers(EventEnvelope e) {
    Headers h = new Headers();
    h.add(STORE, e.store().value());
    h.add(OCCURRED_AT, e.occurredAt().toString());
    h.add(CORRELATION, e.correlationId());
    h.add(SCHEMA, Integer.toString(e.schemaVersion()));
    h.add(TYPE, typeName(e.payload()));
    h.add(SUBJECT, e.subject());
    return h;
  }

  static byte[] body(EventEnvelope e) {
    try {
      return JSON.writeValueAsBytes(e.payload());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("event " + e.subject() + " cannot be written as JSON", ex);
    }
  }

  static EventEnvelope decode(Message m) {
    Headers h = m.getHeaders();
    String type = h.getFirst(TYPE);
    try {
      Class<?> payloadType = type == null ? null : TYPES.get(type);
      if (payloadType == null) {
        throw new IllegalArgumentException("unknown event type " + type);
      }
      DomainEvent payload = (DomainEvent) JSON.readValue(m.getData(), payloadType);
      return new EventEnvelope(
          UUID.fromString(h.getFirst(MSG_ID)),
          h.getFirst(SUBJECT),
          StoreId.of(h.getFirst(STORE)),
          Instant.parse(h.getFirst(OCCURRED_AT)),
          h.getFirst(CORRELATION),
          Integer.parseInt(h.getFirst(SCHEMA)),
          payload);
    } catch (IOException | RuntimeException e) {
      throw new UnavailableException(
          "message on "
              + m.getSubject()
              + " is not a readable event: "
              + new String(m.getData(), StandardCharsets.UTF_8),
          e);
    }
  }
}
