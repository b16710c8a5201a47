package io.vruksha.retail.server;

import static io.vruksha.retail.server.HostileJson.NODES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.StoreId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies on every route of the table that takes one (the list comes from the table: a new
 * body route without a seed in {@link BodySeeds} fails {@link #everyBodyRouteHasASeed}). Each try
 * posts one generated body with an admin token for every store and checks: never a 5xx; an error is
 * the documented body ({@code error, code, details, timestamp}) and names none of the server's
 * internals; a body over the limit is 413; and a refused request (4xx) changes nothing at all: the
 * engine's whole state (see {@link ServerState}) is the same before and after. A body the server
 * accepts (2xx) is fine, it is valid; it then changes state, as it should.
 *
 * <p>The seeds are fixed, so a failure in CI reproduces with the same seed locally; the jqwik
 * database lives in {@code target/}.
 */
class HostileBodyPropertiesTest {

  private static final List<String> INTERNALS =
      List.of(
          "Exception",
          "at io.",
          "java.",
          "javax.",
          "com.fasterxml",
          "jackson",
          "io.vruksha",
          "org.eclipse",
          "SQL",
          "Caused by");

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private static RetailServer server;
  private static String admin;
  private static long maxBody;
  private static final Map<String, String> IDS = new LinkedHashMap<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger KEYS = new AtomicInteger();

  /** How many bodies each route got, and how they were answered: the run's figures. */
  static final Map<String, Map<Integer, Integer>> ANSWERS = new ConcurrentHashMap<>();

  /** The same by kind of case. */
  static final Map<String, Map<Integer, Integer>> KINDS = new ConcurrentHashMap<>();

  @BeforeContainer
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.from(
                Map.of(
                    "JWT_SECRET",
                    DemoServerTest.SECRET,
                    "RATE_LIMIT_PER_TOKEN",
                    "10000000",
                    "RATE_LIMIT_PER_IP",
                    "10000000"))
            .withPort(0);
    server = RetailServer.start(config, Map.of());
    maxBody = config.maxBodyBytes();
    admin = server.demoToken().orElseThrow();
    String demo = "/api/v1/stores/demo";
    ok(
        "POST",
        demo + "/customers",
        "{\"customerId\":\"c-1\",\"name\":\"Ada\","
            + "\"marketingConsent\":true,\"taxId\":\"DE123456789\"}");
    String shift =
        ok(
                "POST",
                demo + "/shifts",
                "{\"registerId\":\"till-1\",\"openingFloat\":{\"amount\":\"100.00\","
                    + "\"currency\":\"EUR\"}}")
            .get("id")
            .asText();
    String sale =
        ok(
                "POST",
                demo + "/sales",
                "{\"lines\":[{\"code\":\"MUG\",\"quantity\":\"2\"}],\"customerId\":\"c-1\","
                    + "\"tenders\":[{\"type\":\"CASH\",\"amount\":{\"amount\":\"20.00\","
                    + "\"currency\":\"EUR\"}}]}")
            .get("id")
            .asText();
    String invoice =
        ok(
                "POST",
                demo + "/invoices",
                "{\"customerId\":\"c-1\",\"lines\":[{\"code\":\"TEE-L\",\"quantity\":\"1\"}]}")
            .get("number")
            .asText();
    ok(
        "POST",
        "/api/v1/suppliers",
        "{\"id\":\"kiln\",\"name\":\"Kiln\",\"items\":{\"MUG\":{\"cost\":{\"amount\":\"1.70\","
            + "\"currency\":\"EUR\"},\"leadTimeDays\":5}}}");
    ok(
        "POST",
        demo + "/stock/adjustments",
        "{\"sku\":\"MUG\",\"quantity\":\"-44\",\"reason\":\"breakage\"}");
    ServerState.settle(server.engine());
    String order = server.engine().purchasing().procurement().orders(DemoStoreId.ID).get(0).id();
    ok("POST", demo + "/purchase-orders/" + order + "/approve", null);
    ok("POST", demo + "/purchase-orders/" + order + "/send", null);
    String cart = ok("POST", demo + "/carts", null).get("id").asText();
    ok("POST", demo + "/carts/" + cart + "/lines", "{\"code\":\"TEE-M\"}");
    ok(
        "POST",
        demo + "/orders",
        "{\"orderId\":\"web-1\",\"channel\":\"WEB\",\"contact\":\"ada@example.com\","
            + "\"lines\":[{\"sku\":\"TEE-L\",\"quantity\":\"1\"}]}");
    ok(
        "POST",
        demo + "/curbside/slots",
        "{\"slotId\":\"s-1\",\"start\":\"2030-01-02T16:00:00Z\","
            + "\"end\":\"2030-01-02T16:30:00Z\",\"capacity\":5}");
    ok(
        "POST",
        demo + "/curbside/bookings",
        "{\"bookingId\":\"b-1\",\"slotId\":\"s-1\",\"customerName\":\"Ada\"}");
    IDS.put("orderNumber", "web-1");
    IDS.put("slotId", "s-1");
    IDS.put("bookingId", "b-1");
    IDS.put("serial", "SN-NONE");
    IDS.put("storeId", "demo");
    IDS.put("cartId", cart);
    IDS.put("index", "0");
    IDS.put("saleId", sale);
    IDS.put("shiftId", shift);
    IDS.put("number", invoice);
    IDS.put("orderId", order);
    IDS.put("customerId", "c-1");
    IDS.put("priceListId", "retail");
    IDS.put("sku", "MUG");
    IDS.put("tillId", "T01");
  }

  @AfterContainer
  static void stop() {
    if (server != null) {
      server.close();
    }
    StringBuilder figures = new StringBuilder("hostile bodies per route (status=count):\n");
    new TreeSet<>(ANSWERS.keySet())
        .forEach(
            k -> figures.append("  ").append(k).append(' ').append(ANSWERS.get(k)).append('\n'));
    figures.append("by kind of case:\n");
    new TreeSet<>(KINDS.keySet())
        .forEach(k -> figures.append("  ").append(k).append(' ').append(KINDS.get(k)).append('\n'));
    System.out.print(figures);
  }

  private static JsonNode ok(String method, String path, String body) throws Exception {
    Reply r =
        send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    assertThat(r.status()).as(path + " -> " + r).isBetween(200, 299);
    return r.json().get("data");
  }

  /** The demo store's id, for engine calls. */
  private static final class DemoStoreId {
    static final StoreId ID = StoreId.of("demo");
  }

  // ---------------------------------------------------------------- the routes and their cases

  static List<ApiRoute> bodyRoutes() {
    return server.routes().stream().filter(r -> r.requestType().isPresent()).toList();
  }

  /** One generated request. */
  record Case(ApiRoute route, String kind, byte[] body, boolean chunked) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return BodySeeds.key(route)
          + " ["
          + kind
          + ", "
          + body.length
          + " bytes] "
          + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
    }
  }

  private static JsonNode seed(ApiRoute route) {
    try {
      String text = BodySeeds.seed(route).orElseThrow();
      for (Map.Entry<String, String> id : IDS.entrySet()) {
        text = text.replace("{" + id.getKey() + "}", id.getValue());
      }
      return HostileJson.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<Case> hostileBodies() {
    return Arbitraries.of(bodyRoutes())
        .flatMap(HostileBodyPropertiesTest::casesFor)
        .withoutEdgeCases();
  }

  private static Arbitrary<Case> casesFor(ApiRoute route) {
    JsonNode seed = seed(route);
    Arbitrary<Boolean> escape = Arbitraries.of(true, false);
    Arbitrary<Case> mutated =
        Combinators.combine(HostileJson.mutations().list().ofMinSize(1).ofMaxSize(3), escape)
            .as(
                (m, e) ->
                    new Case(
                        route,
                        "mutated",
                        HostileJson.bytes(HostileJson.mutate(seed, m), e),
                        false));
    Arbitrary<Case> shaped =
        Combinators.combine(HostileJson.shapedLike(route.requestType().get(), 0), escape)
            .as((b, e) -> new Case(route, "shaped", HostileJson.bytes(b, e), false));
    Arbitrary<Case> anyShape =
        Combinators.combine(HostileJson.any(4), escape)
            .as((b, e) -> new Case(route, "any-shape", HostileJson.bytes(b, e), false));
    String field = seed.fieldNames().next();
    Arbitrary<Case> deep =
        Arbitraries.of(
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                "[".repeat(33) + "]".repeat(33),
                "[".repeat(100_000))
            .flatMap(
                d ->
                    Arbitraries.of(
                        new Case(route, "deep", bytes("{\"" + field + "\":" + d + "}"), false),
                        new Case(route, "deep", bytes(d), false)));
    byte[] seedBytes = HostileJson.bytes(seed, false);
    Arbitrary<Case> raw =
        Arbitraries.oneOf(
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(300)
                .map(b -> new Case(route, "random-bytes", b, false)),
            Arbitraries.integers()
                .between(0, seedBytes.length - 1)
                .map(n -> new Case(route, "truncated", Arrays.copyOf(seedBytes, n), false)),
            Combinators.combine(
                    Arbitraries.integers().between(0, seedBytes.length - 1), Arbitraries.bytes())
                .as(
                    (at, b) -> {
                      byte[] flipped = seedBytes.clone();
                      flipped[at] = b;
                      return new Case(route, "byte-flip", flipped, false);
                    }),
            Arbitraries.of(
                new Case(route, "empty", new byte[0], false),
                new Case(
                    route,
                    "bom",
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, seedBytes),
                    false),
                new Case(
                    route,
                    "utf-16",
                    new String(seedBytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16),
                    false),
                new Case(
                    route,
                    "comment",
                    bytes("/* x */" + new String(seedBytes, StandardCharsets.UTF_8)),
                    false),
                new Case(
                    route,
                    "duplicate-key",
                    bytes(
                        "{\""
                            + field
                            + "\":null,"
                            + new String(seedBytes, StandardCharsets.UTF_8).substring(1)),
                    false),
                new Case(route, "trailing", concat(seedBytes, bytes(" {}")), false),
                new Case(route, "nan", bytes("{\"" + field + "\":NaN}"), false),
                new Case(
                    route,
                    "invalid-utf8",
                    bytes("{\"" + field + "\":\"\u00ff\"}".replace('\u00ff', '?')),
                    false)));
    Arbitrary<Case> oversized =
        Arbitraries.of(true, false)
            .map(
                chunked -> {
                  ObjectNode big = (ObjectNode) seed.deepCopy();
                  big.put(field, "x".repeat((int) maxBody + 1));
                  return new Case(route, "oversized", HostileJson.bytes(big, false), chunked);
                });
    Arbitrary<Case> megabyte =
        Arbitraries.of("x", "\u00e9")
            .map(
                c -> {
                  // a million characters: at the parser's text limit; in UTF-8, 1 or 2 MB
                  ObjectNode big = (ObjectNode) seed.deepCopy();
                  big.put(field, c.repeat(1_000_000));
                  return new Case(route, "megabyte-string", HostileJson.bytes(big, false), false);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(1, megabyte),
        Tuple.of(10, mutated),
        Tuple.of(6, shaped),
        Tuple.of(2, anyShape),
        Tuple.of(3, raw),
        Tuple.of(1, deep),
        Tuple.of(1, oversized));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  // ---------------------------------------------------------------- sending and checking

  record Reply(int status, JsonNode json, String text) {
    @Override
    public String toString() {
      return status + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
    }
  }

  private static String path(ApiRoute route) {
    Matcher m = PARAM.matcher(route.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String id = IDS.get(m.group(1));
      assertThat(id).as("an id for {" + m.group(1) + "} in " + route.path()).isNotNull();
      m.appendReplacement(path, Matcher.quoteReplacement(id));
    }
    m.appendTail(path);
    return path.toString();
  }

  private static Reply send(String method, String path, byte[] body, boolean chunked)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + admin)
            .header("Idempotency-Key", "hostile-" + KEYS.incrementAndGet())
            .build();
    HttpResponse<String> r;
    try {
      r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (body != null && body.length > maxBody) {
        // the server answers 413 before it reads the body and may then close the connection
        // while the client is still writing megabytes: the client can lose the answer. (JDK 17's
        // HttpClient hangs on "Expect: 100-continue" answered without a 100, so that is no way
        // out.) Status 0 stands for "refused and closed"; the state check still applies.
        return new Reply(0, null, "connection closed after an oversized body: " + e);
      }
      throw e;
    }
    JsonNode json = null;
    try {
      json = r.body().isEmpty() ? null : HostileJson.JSON.readTree(r.body());
    } catch (IOException notJson) {
      // checked below
    }
    return new Reply(r.statusCode(), json, r.body());
  }

  /** Sends {@code c} and checks the answer's form; the state is the caller's. */
  private static Reply sendChecked(Case c) throws Exception {
    Reply r = send(c.route().method().name(), path(c.route()), c.body(), c.chunked());
    ANSWERS
        .computeIfAbsent(BodySeeds.key(c.route()), k -> new ConcurrentHashMap<>())
        .merge(r.status(), 1, Integer::sum);
    KINDS
        .computeIfAbsent(
            c.kind() + (r.status() / 100 == 2 ? " " + BodySeeds.key(c.route()) : ""),
            k -> new ConcurrentHashMap<>())
        .merge(r.status(), 1, Integer::sum);
    assertThat(r.status()).as("never a 5xx: " + r).isLessThan(500);
    if (r.status() == 0) {
      return r;
    }
    assertThat(r.json()).as("a JSON answer: " + r).isNotNull();
    if (r.status() >= 400) {
      assertThat(r.json().fieldNames())
          .toIterable()
          .as("the error body: " + r)
          .containsExactlyInAnyOrder("error", "code", "details", "timestamp");
      assertThat(r.json().get("code").isTextual()).as(r.toString()).isTrue();
      assertThat(r.json().get("details").isArray()).as(r.toString()).isTrue();
      DeclaredErrors.check(
          List.of(c.route()),
          c.route().method().name(),
          path(c.route()),
          r.status(),
          r.json().get("code").asText());
      for (String internal : INTERNALS) {
        assertThat(r.json().get("error").asText())
            .as("no internals in " + r)
            .doesNotContain(internal);
        assertThat(r.json().get("code").asText()).doesNotContain(internal);
      }
    } else {
      assertThat(r.json().get("success").asBoolean()).as(r.toString()).isTrue();
    }
    return r;
  }

  private static String state() {
    return state(true);
  }

  /**
   * The engine's state; without the staff's credentials for a refused login, whose failure count
   * (towards the lock-out) is meant to change.
   */
  private static String state(boolean credentials) {
    ServerState.settle(server.engine());
    return ServerState.of(
        server.engine(),
        List.of("c-1", "fuzz-c"),
        List.of(IDS.get("cartId")),
        credentials ? Set.of("admin", "anna", "max", "fuzz-staff") : Set.of());
  }

  private static boolean login(ApiRoute route) {
    return route.path().equals("/api/v1/auth/login");
  }

  // ---------------------------------------------------------------- the properties

  @Example
  void everyBodyRouteHasASeed() {
    List<String> missing =
        bodyRoutes().stream().filter(r -> BodySeeds.seed(r).isEmpty()).map(BodySeeds::key).toList();
    assertThat(missing).as("body routes without a seed in BodySeeds").isEmpty();
    assertThat(bodyRoutes()).hasSizeGreaterThanOrEqualTo(40);
    Set<String> routes = new TreeSet<>();
    bodyRoutes().forEach(r -> routes.add(BodySeeds.key(r)));
    assertThat(routes).as("seeds of routes that are gone").containsAll(BodySeeds.SEEDS.keySet());
  }

  @Property(tries = 1000, seed = "20261125", shrinking = ShrinkingMode.BOUNDED)
  void hostileBodiesAreRefusedWithoutChangeOrAcceptedAsValid(@ForAll("hostileBodies") Case c)
      throws Exception {
    boolean login = login(c.route());
    String before = state(!login);
    Reply r = sendChecked(c);
    if (c.body().length > maxBody) {
      assertThat(r.status()).as(c + " -> " + r).isIn(0, 413);
      if (r.status() == 413) {
        assertThat(r.json().get("code").asText()).isEqualTo("request.too_large");
      }
    }
    if (c.kind().equals("duplicate-key") || c.kind().equals("nan") || c.kind().equals("empty")) {
      assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
    }
    if (c.kind().equals("deep")) {
      assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
    }
    if (r.status() >= 400 || r.status() == 0) {
      assertThat(state(!login))
          .as("a refused request changed nothing: " + c + " -> " + r)
          .isEqualTo(before);
    }
  }

  // ---------------------------------------------------------------- mass assignment

  /** Where in a body a field may be added: each object of a record type, with its path. */
  record Spot(String path, JsonNode node, Class<?> type) {}

  private static void spots(JsonNode node, Type type, String path, List<Spot> into) {
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == Optional.class) {
      spots(node, ((ParameterizedType) type).getActualTypeArguments()[0], path, into);
    } else if (raw.isRecord() && node.isObject()) {
      into.add(new Spot(path, node, raw));
      for (RecordComponent c : raw.getRecordComponents()) {
        if (node.has(c.getName())) {
          String child = path.isEmpty() ? c.getName() : path + "." + c.getName();
          spots(node.get(c.getName()), c.getGenericType(), child, into);
        }
      }
    } else if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        spots(node.get(i), element, path + "[" + i + "]", into);
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      node.fieldNames().forEachRemaining(n -> spots(node.get(n), value, path + "." + n, into));
    }
  }

  @Provide
  Arbitrary<String> routes() {
    return Arbitraries.of(bodyRoutes().stream().map(BodySeeds::key).toList());
  }

  private static ApiRoute route(String key) {
    return bodyRoutes().stream()
        .filter(r -> BodySeeds.key(r).equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Provide
  Arbitrary<String> fieldNames() {
    return HostileJson.fieldNames();
  }

  @Provide
  Arbitrary<JsonNode> values() {
    return HostileJson.modest();
  }

  /**
   * No mass assignment: a field the request type does not have, at the top or in any nested object,
   * read-only ({@code id, storeId, total, number, role, ...}) or made up, is a 400 that names it,
   * and changes nothing.
   */
  @Property(tries = 300, seed = "20261125", shrinking = ShrinkingMode.BOUNDED)
  void anUnknownFieldAnywhereIs400NamingItAndChangesNothing(
      @ForAll("routes") String key,
      @ForAll("fieldNames") String field,
      @ForAll("values") JsonNode value,
      @ForAll int where)
      throws Exception {
    ApiRoute route = route(key);
    JsonNode body = seed(route);
    List<Spot> spots = new ArrayList<>();
    spots(body, route.requestType().get(), "", spots);
    Spot spot = spots.get(Math.floorMod(where, spots.size()));
    // an escaped lone surrogate in a name is refused by the parser, before any field is looked at
    Assume.that(field.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    Assume.that(
        Arrays.stream(spot.type().getRecordComponents()).noneMatch(c -> c.getName().equals(field)));
    ((ObjectNode) spot.node()).set(field, value);
    String before = state();
    Case c = new Case(route, "unknown-field", HostileJson.bytes(body, true), false);
    Reply r = sendChecked(c);
    assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
    assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo("request.malformed");
    String expected = spot.path().isEmpty() ? field : spot.path() + "." + field;
    assertThat(r.json().get("details")).as(c + " -> " + r).hasSize(1);
    assertThat(r.json().get("details").get(0).asText()).as(c + " -> " + r).isEqualTo(expected);
    assertThat(r.json().get("error").asText()).as(r.toString()).contains("'" + field + "'");
    assertThat(state()).as("nothing changed: " + c).isEqualTo(before);
  }

  /** Each read-only field at the top of each body route, one by one: 400 naming it. */
  @Example
  void everyReadOnlyFieldOnEveryRouteIsRefused() throws Exception {
    int checked = 0;
    for (ApiRoute route : bodyRoutes()) {
      Set<String> own = new TreeSet<>();
      for (RecordComponent c : route.requestType().get().getRecordComponents()) {
        own.add(c.getName());
      }
      // one snapshot per route: a refusal that changed something would show at the end
      String before = state();
      for (String field : HostileJson.READ_ONLY) {
        if (own.contains(field)) {
          continue;
        }
        ObjectNode body = (ObjectNode) seed(route);
        body.set(field, NODES.textNode("server-assigned"));
        Case c = new Case(route, "read-only", HostileJson.bytes(body, false), false);
        Reply r = sendChecked(c);
        assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
        assertThat(r.json().get("details")).as(c + " -> " + r).hasSize(1);
        assertThat(r.json().get("details").get(0).asText()).as(r.toString()).isEqualTo(field);
        checked++;
      }
      assertThat(state()).as("nothing changed: " + BodySeeds.key(route)).isEqualTo(before);
    }
    assertThat(checked).isGreaterThan(500);
  }
}
