package io.vruksha.retail.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.sale.Tender;
import java.util.List;

/**
 * The one JSON form of the engine's value records (sales, returns, invoices, events, carts...):
 * what the PostgreSQL and SQLite stores keep as documents and a till sends to the centre. Records,
 * Optionals and Instants (to the nanosecond) round-trip; sealed families ({@link Tender}, {@link
 * Reward}, {@link ManualDiscount}) carry their concrete type in {@code @type}; unknown fields are
 * ignored, so a newer writer's document reads in an older reader.
 */
public final class DocumentJson {

  private DocumentJson() {}

  /** The configured mapper; thread-safe, do not reconfigure. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .addMixIn(Reward.class, TypedMixin.class)
          .addMixIn(ManualDiscount.class, TypedMixin.class)
          .addMixIn(Tender.class, TypedMixin.class)
          .addMixIn(Money.class, MoneyMixin.class);

  /**
   * Sealed value families are written with their concrete type, so they read back as themselves.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
  private abstract static class TypedMixin {}

  /** Money as stored is its amount and currency only, not its derived flags. */
  @JsonIgnoreProperties({"zero", "negative", "positive"})
  private abstract static class MoneyMixin {}

  /** {@code value} as a JSON document. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
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
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
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
      JsonNode tree = MAPPER.readTree(json);
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
