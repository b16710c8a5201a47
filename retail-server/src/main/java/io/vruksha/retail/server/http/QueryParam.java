package io.vruksha.retail.server.http;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A query parameter a route takes, declared in the route table: the server refuses any other
 * parameter, checks each declared one's format here before the handler runs, and the OpenAPI
 * document lists it with the same format. A blank value counts as absent.
 *
 * @param name its name
 * @param kind its format
 * @param values the allowed values of an {@link Kind#ENUM}, else empty
 * @param min the least value of an {@link Kind#INTEGER}
 * @param max the greatest value of an {@link Kind#INTEGER}
 * @param description what it does, for the documentation
 */
public record QueryParam(
    String name, Kind kind, List<String> values, long min, long max, String description) {

  /** The format of a query parameter. */
  public enum Kind {
    /** Any text. */
    STRING,
    /** A whole number from min to max. */
    INTEGER,
    /** One of the listed values. */
    ENUM,
    /** A calendar date, {@code YYYY-MM-DD}. */
    DATE,
    /** An ISO-8601 instant with an offset, {@code 2026-11-24T09:00:00Z}. */
    INSTANT,
    /** A date ({@code YYYY-MM-DD}, a day in the store's time zone) or an instant. */
    DATE_OR_INSTANT
  }

  /** Checks the parts. */
  public QueryParam {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    values = List.copyOf(values);
    Objects.requireNonNull(description, "description");
  }

  /** Free text. */
  public static QueryParam text(String name, String description) {
    return new QueryParam(name, Kind.STRING, List.of(), 0, 0, description);
  }

  /** A whole number from {@code min} to {@code max}. */
  public static QueryParam integer(String name, long min, long max, String description) {
    return new QueryParam(name, Kind.INTEGER, List.of(), min, max, description);
  }

  /** The {@code limit} of a listing: 1 to {@code max}, {@code fallback} when left out. */
  public static QueryParam limit(int fallback, int max) {
    return integer("limit", 1, max, "at most this many, newest first (default " + fallback + ")");
  }

  /** One of {@code values}. */
  public static QueryParam oneOf(String name, List<String> values, String description) {
    return new QueryParam(name, Kind.ENUM, values, 0, 0, description);
  }

  /** One of the constants of {@code type}. */
  public static QueryParam oneOf(String name, Class<? extends Enum<?>> type, String description) {
    return oneOf(
        name, Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(), description);
  }

  /** A date, {@code YYYY-MM-DD}. */
  public static QueryParam date(String name, String description) {
    return new QueryParam(name, Kind.DATE, List.of(), 0, 0, description);
  }

  /** An instant with an offset. */
  public static QueryParam instant(String name, String description) {
    return new QueryParam(name, Kind.INSTANT, List.of(), 0, 0, description);
  }

  /** A date (a day in the store's time zone) or an instant. */
  public static QueryParam dateOrInstant(String name, String description) {
    return new QueryParam(name, Kind.DATE_OR_INSTANT, List.of(), 0, 0, description);
  }

  /**
   * Refuses {@code value} with a 400 naming the parameter unless it has this parameter's format.
   */
  public void check(String value) {
    switch (kind) {
      case STRING -> {
        if (value.length() > 256) {
          throw refused("is longer than 256 characters");
        }
      }
      case INTEGER -> {
        long n;
        try {
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw refused("must be a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
          throw refused("must be a whole number from " + min + " to " + max);
        }
      }
      case ENUM -> {
        if (!values.contains(value)) {
          throw refused("must be one of " + String.join(", ", values));
        }
      }
      case DATE -> {
        if (!isDate(value)) {
          throw refused("must be a date, YYYY-MM-DD");
        }
      }
      case INSTANT -> {
        if (!isInstant(value)) {
          throw refused("must be an ISO-8601 instant with an offset, e.g. 2026-11-24T09:00:00Z");
        }
      }
      case DATE_OR_INSTANT -> {
        if (!isDate(value) && !isInstant(value)) {
          throw refused(
              "must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset, e.g."
                  + " 2026-11-24T09:00:00Z");
        }
      }
    }
  }

  private InvalidInputException refused(String why) {
    return new InvalidInputException(ErrorCode.VALIDATION, name + " " + why, List.of(name));
  }

  static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean isInstant(String value) {
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** {@code value} as an instant (it has been checked as {@link Kind#INSTANT}). */
  public static Instant toInstant(String value) {
    return OffsetDateTime.parse(value).toInstant();
  }
}
