package io.vruksha.retail.server.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a request body's shape follows, read from its Java type as the OpenAPI document reads
 * them, so that what the document says and what the server refuses are one contract: a record
 * component that is not {@link Optional} is required ("is required", also when {@code null}); a
 * decimal is a string of digits with an optional fraction ({@code "2"}, {@code "0.250"}; not {@code
 * 2}, {@code "1e3"} or {@code "+1"}); an enum is one of its constants, as written. Everything else
 * (types, unknown fields, lengths) is left to the JSON reader.
 */
final class RequestShape {

  /** The decimal strings the server takes, as the OpenAPI document's pattern says. */
  static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

  private static final Pattern DECIMAL_PATTERN = Pattern.compile(DECIMAL);

  private RequestShape() {}

  /** Refuses {@code node}, read as {@code type}, with a {@link BadJson} naming the field. */
  static void check(JsonNode node, JavaType type, String path) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      if (node != null && !node.isNull()) {
        check(node, type.containedTypeOrUnknown(0), path);
      }
      return;
    }
    if (node == null || node.isNull()) {
      return; // a required component's absence is reported by its record, below
    }
    if (raw.isRecord() && node.isObject()) {
      for (RecordComponent c : raw.getRecordComponents()) {
        String field = path.isEmpty() ? c.getName() : path + "." + c.getName();
        JsonNode child = node.get(c.getName());
        if ((child == null || child.isNull()) && c.getType() != Optional.class) {
          throw BadJson.field(field, "is required");
        }
        check(child, Json.MAPPER.getTypeFactory().constructType(c.getGenericType()), field);
      }
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          check(node.get(i), type.getContentType(), path + "[" + i + "]");
        }
      }
    } else if (type.isMapLikeType()) {
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          check(e.getValue(), type.getContentType(), path + "." + e.getKey());
        }
      }
    } else if (raw == BigDecimal.class) {
      if (!node.isTextual() || !DECIMAL_PATTERN.matcher(node.asText()).matches()) {
        throw BadJson.field(
            path, "must be a decimal string of digits, such as \"2\" or \"0.250\" (not a number)");
      }
    } else if (raw.isEnum()) {
      String[] names =
          Arrays.stream(raw.getEnumConstants())
              .map(e -> ((Enum<?>) e).name())
              .toArray(String[]::new);
      if (!node.isTextual() || !Arrays.asList(names).contains(node.asText())) {
        throw BadJson.field(path, "must be one of " + String.join(", ", names));
      }
    }
  }
}
