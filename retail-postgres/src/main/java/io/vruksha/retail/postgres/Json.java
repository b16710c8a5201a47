package io.vruksha.retail.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.UnavailableException;
import java.util.List;

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

  /**
   * Reads a stored document; one that does not make a valid {@code type} fails as {@link
   * UnavailableException} naming the document by its number or id, e.g. {@code a stored Sale
   * (number S001-2026-000001) cannot be read: ...}.
   */
  static <T> T read(String json, Class<T> type) {
    try {
      return PostgresOutbox.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UnavailableException(
          "a stored "
              + type.getSimpleName()
              + identity(json)
              + " cannot be read: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** The fields that name a stored document, in the order they are looked for. */
  private static final List<String> NAMES =
      List.of("number", "id", "creditNoteNumber", "sku", "customerId");

  /** {@code " (number S001-...)"} of a document that has a naming field; empty otherwise. */
  private static String identity(String json) {
    try {
      JsonNode tree = PostgresOutbox.JSON.readTree(json);
      for (String field : NAMES) {
        JsonNode v = tree.get(field);
        if (v != null && v.isValueNode()) {
          String text = v.asText();
          return " ("
              + field
              + " "
              + (text.length() > 64 ? text.substring(0, 61) + "..." : text)
              + ")";
        }
      }
      return "";
    } catch (JsonProcessingException | RuntimeException notJson) {
      return "";
    }
  }
}
