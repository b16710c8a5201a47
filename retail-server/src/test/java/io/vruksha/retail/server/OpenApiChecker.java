package io.vruksha.retail.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vruksha.retail.server.http.ApiRoute;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Checks answers against the OpenAPI document: the status is one the document lists for the route,
 * and a JSON body validates against the schema of that status (networknt's JSON Schema validator).
 */
final class OpenApiChecker implements TestClient.Checker {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  /**
   * OpenAPI 3.0's {@code nullable: true} as JSON Schema says it: either the schema or {@code null}
   * (also for {@code allOf: [$ref]} wrappers, which a 3.0 validator reads in different ways).
   */
  static JsonNode jsonSchema(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = TestClient.JSON.createArrayNode();
      node.forEach(n -> out.add(jsonSchema(n)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = TestClient.JSON.createObjectNode();
    node.fields().forEachRemaining(e -> out.set(e.getKey(), jsonSchema(e.getValue())));
    if (out.path("nullable").asBoolean(false)) {
      out.remove("nullable");
      ObjectNode either = TestClient.JSON.createObjectNode();
      either.putArray("anyOf").add(out).add(TestClient.JSON.createObjectNode().put("type", "null"));
      return either;
    }
    return out;
  }

  private final JsonNode doc;
  private final List<ApiRoute> routes;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final Set<String> validated = ConcurrentHashMap.newKeySet();
  private final List<String> broken = new CopyOnWriteArrayList<>();

  OpenApiChecker(JsonNode doc, List<ApiRoute> routes) {
    this.doc = doc;
    this.routes = routes;
  }

  /** The answers the document does not describe. */
  List<String> broken() {
    return broken;
  }

  /** The routes ("METHOD /path") with an answer validated. */
  Set<String> validated() {
    return validated;
  }

  @Override
  public void check(String method, String path, TestClient.Response response) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    ApiRoute route =
        routes.stream()
            .filter(
                r ->
                    r.method().name().equals(method)
                        && Pattern.matches(r.path().replaceAll("\\{[A-Za-z]+}", "[^/]+"), bare))
            .findFirst()
            .orElse(null);
    if (route == null) {
      return; // a path no route has: the 404 page
    }
    JsonNode responses =
        doc.get("paths").get(route.path()).get(method.toLowerCase(Locale.ROOT)).get("responses");
    String status = Integer.toString(response.status());
    if (!responses.has(status)) {
      broken.add(method + " " + route.path() + " answered " + status + ": " + response);
      return;
    }
    JsonNode content = responses.get(status).path("content").path("application/json");
    if (response.body() == null || content.isMissingNode()) {
      return;
    }
    JsonSchema schema =
        schemas.computeIfAbsent(
            method + " " + route.path() + " " + status,
            k -> {
              ObjectNode root = (ObjectNode) jsonSchema(content.get("schema"));
              root.set("components", jsonSchema(doc.get("components")));
              return FACTORY.getSchema(root, SchemaValidatorsConfig.builder().build());
            });
    Set<ValidationMessage> errors = schema.validate(response.body());
    if (!errors.isEmpty()) {
      String text = response.toString();
      broken.add(
          method
              + " "
              + path
              + " "
              + status
              + " "
              + errors
              + ": "
              + text.substring(0, Math.min(300, text.length())));
    }
    validated.add(method + " " + route.path());
  }
}
