package io.vruksha.retail.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vruksha.retail.UnavailableException;

/** Writes and reads the engine's value records as JSON documents (records, Optionals, Instants). */
final class Json {

  private Json() {}

  static String write(Object value) {
    try {
      return PostgresOutbox.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          value.getClass().getSimpleName() + " cannot be written as JSON", e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return PostgresOutbox.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UnavailableException(
          "a stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
