package io.vruksha.retail.server.http;

import java.util.Objects;

/**
 * What a {@link ApiRoute#raw raw} route answers when its body has a version: the JSON body as it
 * is, with {@code ETag: "<version>"}; a request whose {@code If-None-Match} names that version is
 * answered {@code 304 Not Modified} with no body, so a client that already holds it downloads
 * nothing.
 *
 * @param version the version of the body, e.g. the SHA-256 of its content (no quotes)
 * @param json the whole body, a JSON document
 */
public record Versioned(String version, String json) {

  /** Checks the parts. */
  public Versioned {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(json, "json");
    if (version.isEmpty() || version.indexOf('"') >= 0) {
      throw new IllegalArgumentException("a version is text without quotes, was " + version);
    }
  }

  /**
   * Marks the documented response type of a route that answers {@link Versioned}: its OpenAPI
   * operation lists the {@code If-None-Match} header and the 304.
   */
  public interface Body {}

  /** The {@code ETag} header's value: the version in quotes. */
  public String etag() {
    return '"' + version + '"';
  }

  /**
   * Whether an {@code If-None-Match} header names this version: {@code *}, or one of its
   * comma-separated tags, strong or weak ({@code W/"..."}), equal to {@link #etag}.
   */
  public boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag())) {
        return true;
      }
    }
    return false;
  }
}
