package io.vruksha.retail.till;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillData;
import io.vruksha.retail.sync.TillDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The till's side of the sync contract with the centre ({@code retail-server}), over {@code
 * java.net.http}: where the centre stands with a till's documents ({@link #position}), sending them
 * ({@link #send}) and fetching the store's reference data by version ({@link #tillData}). Bodies
 * are the engine's records in the {@link DocumentJson} form.
 *
 * <p>Failures come in two kinds: {@link CentreUnreachableException} (no answer, a 5xx, 408 or 429:
 * try again later, nothing was lost) and {@link CentreRefusedException} (an answer that says no: a
 * {@link SequenceGapException} the caller recovers from by re-reading the position, anything else a
 * person must look at). A success body may come bare or in the server's envelope {@code {"success":
 * true, "data": ...}}; both read the same. Thread-safe.
 */
public final class CentreClient {

  private final URI base;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * A client of the centre at {@code base} (e.g. {@code http://centre:8901}), sending {@code token}
   * as its bearer token (a service token, or a supervisor's of the store), each request given
   * {@code timeout} to answer.
   */
  public CentreClient(URI base, String token, Duration timeout) {
    Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client with a 10-second timeout. */
  public CentreClient(URI base, String token) {
    this(base, token, Duration.ofSeconds(10));
  }

  /**
   * Where the centre stands with a till: the last sequence it accepted and that entry's hash (0 and
   * the genesis hash for a till it has never heard of).
   *
   * @param till the till's id
   * @param acceptedUpTo the sequence of the last document the centre took
   * @param lastHash the hash of that document's journal entry
   */
  public record Position(String till, long acceptedUpTo, String lastHash) {}

  /**
   * A product that went below zero at the centre when a till's sale was applied there (the till
   * sold offline what the centre's stock did not have).
   *
   * @param sku the SKU
   * @param onHand what the centre has on hand now, e.g. {@code -1}
   */
  public record Oversold(String sku, String onHand) {}

  /**
   * The centre's answer to a batch.
   *
   * @param till the till's id
   * @param acceptedUpTo the sequence of the last document the centre holds now
   * @param received how many of the batch it applied now
   * @param duplicates how many it already had (skipped, applied once only)
   * @param oversold what went below zero at the centre
   */
  public record Acknowledgement(
      String till, long acceptedUpTo, int received, int duplicates, List<Oversold> oversold) {
    /** Copies the list. */
    public Acknowledgement {
      oversold = List.copyOf(oversold);
    }
  }

  /**
   * A store's reference data and its version (the SHA-256 of its canonical content, the {@code
   * ETag}).
   *
   * @param version the version
   * @param data the data
   */
  public record Download(String version, TillData data) {}

  /** The centre's position for {@code till} of {@code store}. */
  public Position position(StoreId store, String till) {
    JsonNode body = data(call(get(tillPath(store, till) + "/position"), "position"));
    return new Position(
        text(body, "till").orElse(till),
        number(body, "acceptedUpTo"),
        text(body, "lastHash")
            .orElseThrow(() -> unreadable("position", "it has no lastHash", body)));
  }

  /**
   * Sends {@code documents} (1 to 200, in sequence order) of {@code till} of {@code store}.
   *
   * @throws SequenceGapException when the first new one is not the centre's next sequence
   * @throws CentreRefusedException when the centre refuses a document (422), applying those before
   *     it
   * @throws CentreUnreachableException when the centre does not answer
   */
  public Acknowledgement send(StoreId store, String till, List<TillDocument> documents) {
    if (documents.isEmpty() || documents.size() > 200) {
      throw new IllegalArgumentException(
          "a batch holds 1 to 200 documents, not " + documents.size());
    }
    String json = DocumentJson.write(Map.of("documents", documents));
    HttpRequest request =
        request(tillPath(store, till) + "/documents")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    JsonNode body = data(call(request, "documents"));
    List<Oversold> oversold = new ArrayList<>();
    JsonNode list = body.path("oversold");
    for (JsonNode o : list) {
      oversold.add(new Oversold(o.path("sku").asText(), o.path("onHand").asText()));
    }
    return new Acknowledgement(
        text(body, "till").orElse(till),
        number(body, "acceptedUpTo"),
        (int) number(body, "received"),
        (int) number(body, "duplicates"),
        oversold);
  }

  /**
   * The store's reference data, unless the centre's version is {@code ifNoneMatch} (then empty:
   * nothing changed, nothing downloaded).
   */
  public Optional<Download> tillData(StoreId store, Optional<String> ifNoneMatch) {
    HttpRequest.Builder b = request("/api/v1/stores/" + enc(store.value()) + "/till-data").GET();
    ifNoneMatch.ifPresent(v -> b.header("If-None-Match", '"' + v + '"'));
    HttpResponse<String> response = exchange(b.build(), "till-data");
    if (response.statusCode() == 304) {
      return Optional.empty();
    }
    JsonNode tree = data(answer(response, "till-data"));
    if (!(tree instanceof ObjectNode object) || !tree.path("version").isTextual()) {
      throw unreadable("till-data", "it has no version", tree);
    }
    String version = object.remove("version").asText();
    try {
      return Optional.of(
          new Download(version, DocumentJson.MAPPER.treeToValue(object, TillData.class)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CentreRefusedException(
          200,
          "response.unreadable",
          "the centre's till-data cannot be read: " + e.getMessage(),
          List.of());
    }
  }

  private static String tillPath(StoreId store, String till) {
    return "/api/v1/stores/" + enc(store.value()) + "/tills/" + enc(till);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private JsonNode call(HttpRequest request, String what) {
    return answer(exchange(request, what), what);
  }

  private HttpResponse<String> exchange(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CentreUnreachableException(
          "the centre at " + base + " did not answer (" + what + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CentreUnreachableException(
          "interrupted while calling the centre (" + what + ")", e);
    }
  }

  /** The body of a 2xx; a failure as its typed exception. */
  private JsonNode answer(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status >= 200 && status < 300) {
      if (body == null) {
        throw new CentreRefusedException(
            status,
            "response.unreadable",
            "the centre's answer to " + what + " is not JSON: is " + base + " the centre?",
            List.of());
      }
      return body;
    }
    String code = body == null ? "http." + status : body.path("code").asText("http." + status);
    String message =
        body == null
            ? truncate(response.body())
            : body.path("error").asText(truncate(response.body()));
    List<String> details = new ArrayList<>();
    if (body != null) {
      body.path("details").forEach(d -> details.add(d.asText()));
    }
    if (status >= 500 || status == 408 || status == 429) {
      throw new CentreUnreachableException(
          "the centre cannot take " + what + " now (" + status + " " + code + "): " + message);
    }
    if (status == 409) {
      throw new SequenceGapException(code, message, details);
    }
    throw new CentreRefusedException(status, code, message, details);
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return DocumentJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The data of the server's success envelope, or the body itself when it is bare. */
  private static JsonNode data(JsonNode body) {
    return body.has("success") && body.has("data") ? body.get("data") : body;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private CentreRefusedException unreadable(String what, String why, JsonNode body) {
    return new CentreRefusedException(
        200,
        "response.unreadable",
        "the centre's answer to "
            + what
            + " cannot be read: "
            + why
            + ": "
            + truncate(body.toString()),
        List.of());
  }

  private long number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
      return Long.parseLong(v.asText());
    }
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw unreadable(field, "it has no whole number " + field, body);
    }
    return v.asLong();
  }

  private static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
