package io.vruksha.retail.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox's row format: one row holds the events of one unit of work, in the order appended, as
 * a JSON array in its {@code events} column. Each element carries what the event's envelope does:
 * {@code id}, {@code subject}, {@code store}, {@code at} (microseconds since the epoch, as the
 * envelope holds it), {@code correlation}, {@code version}, {@code type} (the event's name, as in
 * {@code DomainEvent.SaleCompleted}) and {@code payload} (the event as JSON). The keys are short
 * because jsonb stores them with every element.
 */
final class OutboxRows {

  private OutboxRows() {}

  private static final ObjectMapper JSON = DocumentJson.MAPPER;
  private static final JsonFactory FACTORY = JSON.getFactory();

  /**
   * A unit of work's events are split over rows of at most this many, so that a huge basket or a
   * bulk import never makes a row that one relay batch (500 events) or one batch of the in-process
   * reactions (200) could not take in one piece.
   */
  static final int MAX_EVENTS_A_ROW = 100;

  /** One outbox row read: its position and its events, in order. */
  record Row(long position, List<EventEnvelope> events) {}

  /** The {@code events} column of a row holding {@code events}. */
  static String write(List<EventEnvelope> events) {
    StringWriter out = new StringWriter(256 * events.size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (EventEnvelope e : events) {
        g.writeStartObject();
        g.writeStringField("id", e.eventId().toString());
        g.writeStringField("subject", e.subject());
        g.writeStringField("store", e.store().value());
        g.writeNumberField("at", micros(e.occurredAt()));
        g.writeStringField("correlation", e.correlationId());
        g.writeNumberField("version", e.schemaVersion());
        g.writeStringField("type", e.payload().getClass().getSimpleName());
        g.writeFieldName("payload");
        // the payload as it was stored in a column of its own, byte for byte
        g.writeRawValue(JSON.writeValueAsString(e.payload()));
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException ex) {
      throw new IllegalStateException("events cannot be written as JSON: " + ex.getMessage(), ex);
    }
    return out.toString();
  }

  /**
   * SQL for one element of a row's {@code events}, made in the database (the bulk imports): each
   * argument an SQL expression.
   */
  static String element(
      String id,
      String subject,
      String store,
      String at,
      String correlation,
      String type,
      String payload) {
    return "jsonb_build_object('id', "
        + id
        + ", 'subject', "
        + subject
        + ", 'store', "
        + store
        + ", 'at', CAST(extract(epoch FROM "
        + at
        + ") * 1000000 AS bigint), 'correlation', "
        + correlation
        + ", 'version', 1, 'type', "
        + type
        + ", 'payload', "
        + payload
        + ")";
  }

  /** The events of the row at {@code position} whose {@code events} column is {@code json}. */
  static Row read(long position, String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_ARRAY, position);
      List<EventEnvelope> events = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        events.add(readEvent(p, position));
      }
      return new Row(position, List.copyOf(events));
    } catch (IOException | RuntimeException e) {
      throw new UnavailableException(
          "outbox row " + position + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static EventEnvelope readEvent(JsonParser p, long position) throws IOException {
    String id = null;
    String subject = null;
    String store = null;
    long at = 0;
    String correlation = null;
    int version = 1;
    String type = null;
    DomainEvent payload = null;
    TokenBuffer early = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = p.getText();
        case "subject" -> subject = p.getText();
        case "store" -> store = p.getText();
        case "at" -> at = p.getLongValue();
        case "correlation" -> correlation = p.getText();
        case "version" -> version = p.getIntValue();
        case "type" -> type = p.getText();
        case "payload" -> {
          if (type != null) {
            payload = payload(JSON.readValue(p, payloadClass(type, position)), type, position);
          } else {
            // jsonb puts shorter keys first, so the type comes first; this is for other writers
            early = new TokenBuffer(p);
            early.copyCurrentStructure(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (payload == null && early != null && type != null) {
      try (JsonParser again = early.asParser(JSON)) {
        payload = payload(JSON.readValue(again, payloadClass(type, position)), type, position);
      }
    }
    if (id == null || subject == null || store == null || correlation == null || payload == null) {
      throw new IllegalArgumentException(
          "outbox row "
              + position
              + " holds an event without its id, subject, store,"
              + " correlation id or payload");
    }
    return new EventEnvelope(
        UUID.fromString(id),
        subject,
        StoreId.of(store),
        instant(at),
        correlation,
        version,
        payload);
  }

  private static DomainEvent payload(Object read, String type, long position) {
    if (read instanceof DomainEvent e) {
      return e;
    }
    throw new IllegalArgumentException("an unreadable " + type);
  }

  private static void expect(JsonToken token, JsonToken wanted, long position) {
    if (token != wanted) {
      throw new IllegalArgumentException("not an array of events");
    }
  }

  /** The event classes by name, simple (as written) and full (as rows before V25 named them). */
  private static final Map<String, Class<?>> PAYLOAD_CLASSES = payloadClasses();

  private static Map<String, Class<?>> payloadClasses() {
    Map<String, Class<?>> classes = new HashMap<>();
    for (Class<?> c : DomainEvent.class.getPermittedSubclasses()) {
      classes.put(c.getSimpleName(), c);
      classes.put(c.getName(), c);
    }
    return Map.copyOf(classes);
  }

  private static Class<?> payloadClass(String type, long position) {
    Class<?> c = PAYLOAD_CLASSES.get(type);
    if (c == null) {
      throw new IllegalArgumentException("an unknown event " + type);
    }
    return c;
  }

  /** {@code at} in microseconds since the epoch (an envelope's time has no finer part). */
  static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
