package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the server, request side, both ways: every required field of every
 * request schema left out is a 400 naming it; every value of every enum is taken (no 400 for that
 * field) and a value outside it is a 400 naming it; every decimal's pattern is enforced (a JSON
 * number and {@code "1e3"} refused); every declared query parameter is validated or changes the
 * answer; and an undeclared one is refused on every route. The bodies are the document's own
 * examples. (The response side is {@link ResponseSchemaTest}.)
 */
class ApiContractTest {

  private static final AtomicInteger KEYS = new AtomicInteger();
  private static RetailServer server;
  private static TestClient client;
  private static JsonNode doc;
  private static String admin;
  private static OpenApiChecker checker;

  @BeforeAll
  static void start() {
    server =
        RetailServer.start(
            ServerConfig.from(
                    Map.of(
                        "JWT_SECRET", DemoServerTest.SECRET,
                        "RATE_LIMIT_PER_IP", "1000000",
                        "RATE_LIMIT_PER_TOKEN", "1000000"))
                .withPort(0),
            Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
    doc = client.get("/openapi.json", null).body();
    checker = new OpenApiChecker(doc, server.routes());
    client.checkEveryAnswerWith(checker);
    seed();
  }

  @AfterAll
  static void stop() {
    server.close();
    // every answer to every mutation, error or not, is one the document describes
    assertThat(checker.broken()).as("answers the document does not describe").isEmpty();
    assertThat(checker.validated()).as("routes with an answer validated").hasSizeGreaterThan(60);
  }

  /** A sale to a customer on a shift, a return, a serialised sale, a SKU listed for web shops. */
  private static void seed() {
    String demo = "/api/v1/stores/demo";
    client.post(
        demo + "/customers",
        admin,
        Map.of("customerId", "c-1", "name", "Ada", "marketingConsent", false));
    String shift =
        client
            .post(
                demo + "/shifts",
                admin,
                Map.of("registerId", "till-1", "openingFloat", money("100.00")))
            .data()
            .get("id")
            .asText();
    String sale =
        client
            .post(
                demo + "/sales",
                admin,
                Map.of(
                    "lines",
                    List.of(Map.of("code", "MUG", "quantity", "2")),
                    "customerId",
                    "c-1",
                    "shiftId",
                    shift,
                    "tenders",
                    List.of(Map.of("type", "CASH", "amount", money("20.00")))),
                "seed-1")
            .data()
            .get("id")
            .asText();
    client.post(
        demo + "/returns",
        admin,
        Map.of(
            "saleId", sale, "lines", List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
        "seed-r-1");
    client.post("/api/v1/warranty-policies", admin, Map.of("sku", "TEE-L", "months", 24));
    client.post(
        demo + "/sales",
        admin,
        Map.of(
            "lines",
            List.of(Map.of("code", "TEE-L", "quantity", "1")),
            "serials",
            Map.of("TEE-L", List.of("SN-CONTRACT-1")),
            "tenders",
            List.of(Map.of("type", "CASH", "amount", money("50.00")))),
        "seed-2");
    client.post(demo + "/safety-buffers", admin, Map.of("sku", "MUG", "buffer", "2"));
  }

  /** One change to an example body and what the server must answer to it. */
  private record Mutation(String field, String pointer, JsonNode value, boolean refused) {
    String describe() {
      return field + (value == null ? " left out" : " = " + value);
    }
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int i = 0; i < 10; i++) {
      if (s.has("$ref")) {
        String name = s.get("$ref").asText().replace("#/components/schemas/", "");
        s = doc.get("components").get("schemas").get(name);
      } else if (s.has("allOf") && s.get("allOf").size() == 1) {
        s = s.get("allOf").get(0);
      } else {
        return s;
      }
    }
    return s;
  }

  private static void mutations(
      JsonNode example, JsonNode schema, String field, String pointer, List<Mutation> out) {
    JsonNode s = resolve(schema);
    if (s.has("enum")) {
      for (JsonNode v : s.get("enum")) {
        out.add(new Mutation(field, pointer, v, false));
      }
      out.add(new Mutation(field, pointer, TextNode.valueOf("NOT_ONE_OF_THEM"), true));
      return;
    }
    if (s.has("pattern") && s.get("pattern").asText().equals("^-?[0-9]+(\\.[0-9]+)?$")) {
      out.add(new Mutation(field, pointer, TextNode.valueOf("1e3"), true));
      out.add(new Mutation(field, pointer, IntNode.valueOf(2), true));
      return;
    }
    if (example.isObject() && s.has("properties")) {
      List<String> required = new ArrayList<>();
      s.path("required").forEach(r -> required.add(r.asText()));
      for (Iterator<String> it = example.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String child = field.isEmpty() ? name : field + "." + name;
        if (required.contains(name)) {
          out.add(new Mutation(child, pointer + "/" + name, null, true));
        }
        JsonNode property = s.get("properties").get(name);
        if (property != null) {
          mutations(example.get(name), property, child, pointer + "/" + name, out);
        }
      }
    } else if (example.isObject() && s.has("additionalProperties")) {
      for (Iterator<String> it = example.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        mutations(
            example.get(name),
            s.get("additionalProperties"),
            field + "." + name,
            pointer + "/" + name,
            out);
      }
    } else if (example.isArray() && example.size() > 0 && s.has("items")) {
      mutations(example.get(0), s.get("items"), field + "[0]", pointer + "/0", out);
    }
  }

  private static JsonNode apply(JsonNode example, Mutation m) {
    JsonNode copy = example.deepCopy();
    int cut = m.pointer().lastIndexOf('/');
    JsonNode parent = copy.at(m.pointer().substring(0, cut));
    String last = m.pointer().substring(cut + 1);
    if (parent instanceof ObjectNode o) {
      if (m.value() == null) {
        o.remove(last);
      } else {
        o.set(last, m.value());
      }
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), m.value());
    }
    return copy;
  }

  private static String path(ApiRoute route) {
    return route
        .path()
        .replace("{storeId}", "demo")
        .replace("{sku}", "MUG")
        .replaceAll("\\{[A-Za-z]+}", "x");
  }

  private static Response call(ApiRoute route, String path, Object body) {
    return client.send(
        route.method().name(),
        path,
        admin,
        body,
        route.idempotencyKey()
            ? Map.of("Idempotency-Key", "contract-" + KEYS.incrementAndGet())
            : Map.of());
  }

  private static boolean names(Response r, String field) {
    return r.status() == 400
        && r.body() != null
        && r.body().path("details").toString().contains("\"" + field + "\"");
  }

  @Test
  void everyRequiredFieldEnumValueAndDecimalPatternOfEveryRequestSchemaIsEnforced() {
    int checked = 0;
    List<String> broken = new ArrayList<>();
    for (ApiRoute route : server.routes()) {
      if (route.requestType().isEmpty()) {
        continue;
      }
      JsonNode media =
          doc.get("paths")
              .get(route.path())
              .get(route.method().name().toLowerCase(Locale.ROOT))
              .get("requestBody")
              .get("content")
              .get("application/json");
      assertThat(media.has("example")).as(route.path() + " has an example body").isTrue();
      JsonNode example = media.get("example");
      List<Mutation> all = new ArrayList<>();
      mutations(example, media.get("schema"), "", "", all);
      for (Mutation m : all) {
        Response r = call(route, path(route), apply(example, m).toString());
        checked++;
        boolean refusedNamingIt = names(r, m.field());
        if (m.refused() != refusedNamingIt) {
          broken.add(route.method() + " " + route.path() + ": " + m.describe() + " -> " + r);
        }
      }
    }
    assertThat(broken).as("documented constraints the server does not enforce exactly").isEmpty();
    assertThat(checked).as("mutations sent").isGreaterThan(150);
  }

  @Test
  void everyDeclaredQueryParameterIsValidatedOrChangesTheAnswer() {
    int checked = 0;
    List<String> broken = new ArrayList<>();
    for (ApiRoute route : server.routes()) {
      String base = path(route);
      for (QueryParam q : route.queryParams()) {
        String what = route.method() + " " + route.path() + "?" + q.name();
        switch (q.kind()) {
          case ENUM -> {
            for (String v : q.values()) {
              if (names(call(route, base + "?" + q.name() + "=" + v, null), q.name())) {
                broken.add(what + "=" + v + " refused");
              }
            }
            expectRefused(route, base, q.name(), "NOT_ONE_OF_THEM", broken);
          }
          case INTEGER -> {
            expectRefused(route, base, q.name(), Long.toString(q.min() - 1), broken);
            expectRefused(route, base, q.name(), Long.toString(q.max() + 1), broken);
            expectRefused(route, base, q.name(), "ten", broken);
          }
          case DATE, INSTANT, DATE_OR_INSTANT ->
              expectRefused(route, base, q.name(), "24.11.2026", broken);
          case STRING -> {
            Response without = call(route, base, null);
            Response with = call(route, base + "?" + q.name() + "=NO-SUCH-" + q.name(), null);
            assertThat(without.status()).as(what + " without it: " + without).isEqualTo(200);
            if (with.status() == 200 && with.data().equals(without.data())) {
              broken.add(what + " does not change the answer: " + with);
            }
          }
        }
        checked++;
      }
    }
    assertThat(broken).isEmpty();
    assertThat(checked).as("query parameters tried").isGreaterThan(20);
  }

  private static void expectRefused(
      ApiRoute route, String base, String name, String value, List<String> broken) {
    Response r = call(route, base + "?" + name + "=" + value, null);
    if (!names(r, name)) {
      broken.add(route.method() + " " + route.path() + "?" + name + "=" + value + " -> " + r);
    }
  }

  @Test
  void everyRouteRefusesAQueryParameterItDoesNotDeclare() {
    List<String> broken = new ArrayList<>();
    for (ApiRoute route : server.routes()) {
      Response r = call(route, path(route) + "?undeclared=1", null);
      if (r.status() != 400 || !"request.unknown_parameter".equals(r.code())) {
        broken.add(route.method() + " " + route.path() + " -> " + r);
      }
      // and the document lists exactly the declared ones
      JsonNode op =
          doc.get("paths").get(route.path()).get(route.method().name().toLowerCase(Locale.ROOT));
      List<String> documented = new ArrayList<>();
      op.path("parameters")
          .forEach(
              p -> {
                if (p.get("in").asText().equals("query")) {
                  documented.add(p.get("name").asText());
                }
              });
      assertThat(documented)
          .as(route.path())
          .containsExactlyElementsOf(route.queryParams().stream().map(QueryParam::name).toList());
    }
    assertThat(broken).isEmpty();
  }
}
