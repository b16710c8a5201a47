package io.vruksha.retail.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vruksha.retail.RetailException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON its route expects: malformed, of the wrong shape, with an
 * unknown field, or beyond the limits. Answered 400 with the field path; never with a parser's
 * internals.
 */
public final class BadJson extends RuntimeException {

  private final List<String> details;

  private BadJson(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  /** The offending fields or positions. */
  public List<String> details() {
    return details;
  }

  /** A plain message for a body that could not be read. */
  public static BadJson because(String message) {
    return new BadJson(message, List.of());
  }

  /** A field the request must have and does not: {@code field 'documents' is required}. */
  public static BadJson required(String path) {
    return field(path, "is required");
  }

  /** A field that breaks the request's shape: {@code field 'lines[0].restock' is required}. */
  static BadJson field(String path, String why) {
    return new BadJson("field '" + path + "' " + why, List.of(path));
  }

  /** A field the request's type does not have: {@code unknown or read-only field 'x'}. */
  static BadJson unknownField(String path, String name) {
    return new BadJson("unknown or read-only field '" + name + "'", List.of(path));
  }

  static BadJson of(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonParseException || t instanceof JsonEOFException) {
        JsonProcessingException p = (JsonProcessingException) t;
        if (p.getLocation() == null) {
          return new BadJson("the body is not valid JSON", List.of());
        }
        return new BadJson(
            "malformed JSON at line "
                + p.getLocation().getLineNr()
                + ", column "
                + p.getLocation().getColumnNr(),
            List.of());
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new BadJson(
          "unknown or read-only field '" + u.getPropertyName() + "'", List.of(path(u)));
    }
    if (e instanceof StreamConstraintsException) {
      return new BadJson(
          "the body is nested too deeply or holds a number or text too long", List.of());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      Throwable cause = m.getCause();
      String why =
          cause instanceof RetailException r
              ? r.getMessage()
              : m instanceof InvalidNullException
                  ? "must not be null"
                  : "has the wrong type or format";
      return new BadJson("field '" + path(m) + "' " + why, List.of(path(m)));
    }
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      return new BadJson(
          "malformed JSON at line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr(),
          List.of());
    }
    return new BadJson("the body is not valid JSON", List.of());
  }

  private static String path(JsonMappingException m) {
    return m.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
