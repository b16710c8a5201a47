package io.vruksha.retail.server.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.money.Money;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document, generated from the route table: every route's path, method, parameters,
 * request body, success envelope and error responses; the schemas come from the request and
 * response types through swagger-core's model resolution, read with the server's own JSON rules
 * (decimals and ids as strings, money as amount and currency). A route cannot exist without its
 * documentation.
 */
public final class OpenApiDocument {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private OpenApiDocument() {}

  /** The document for {@code routes}, as JSON. */
  public static String json(List<ApiRoute> routes, String version) {
    return io.swagger.v3.core.util.Json.pretty(build(routes, version));
  }

  /** The document for {@code routes}. */
  public static OpenAPI build(List<ApiRoute> routes, String version) {
    ModelConverters converters = new ModelConverters();
    converters.addConverter(new ModelResolver(Json.MAPPER, new NestedNames()));
    converters.addConverter(new ServerTypes());
    Map<String, Schema> schemas = new TreeMap<>();
    schemas.put("Error", errorSchema());
    Paths paths = new Paths();
    TreeSet<String> tags = new TreeSet<>();
    for (ApiRoute route : routes) {
      String path = route.path();
      PathItem item = paths.computeIfAbsent(path, p -> new PathItem());
      Operation op =
          new Operation()
              .operationId(operationId(route))
              .summary(route.summary())
              .addTagsItem(route.tag());
      tags.add(route.tag());
      Matcher m = PARAM.matcher(path);
      while (m.find()) {
        op.addParametersItem(
            new PathParameter().name(m.group(1)).required(true).schema(new StringSchema()));
      }
      for (QueryParam q : route.queryParams()) {
        op.addParametersItem(
            new QueryParameter()
                .name(q.name())
                .required(false)
                .description(q.description())
                .schema(querySchema(q)));
      }
      if (route.idempotencyKey()) {
        op.addParametersItem(
            new HeaderParameter()
                .name("Idempotency-Key")
                .required(true)
                .description(
                    "the client's key for this write: a retry with the same key and"
                        + " body returns the original result")
                .schema(new StringSchema().pattern("^[A-Za-z0-9._:/-]{1,128}$")));
      }
      boolean versioned = VersionedBodies.document(route, op);
      route
          .requestType()
          .ifPresent(
              t ->
                  op.requestBody(
                      new RequestBody()
                          .required(true)
                          .content(
                              new Content()
                                  .addMediaType(
                                      "application/json",
                                      new MediaType()
                                          .schema(schemaOf(converters, t, schemas))
                                          .example(EXAMPLES.get(key(route)))))));
      ApiResponses responses = new ApiResponses();
      Schema<?> envelope =
          route.raw()
              ? (route.responseType() == String.class
                  ? new StringSchema()
                  : schemaOf(converters, route.responseType(), schemas))
              : new ObjectSchema()
                  .addProperty("success", new BooleanSchema())
                  .addProperty("data", schemaOf(converters, route.responseType(), schemas))
                  .addProperty("timestamp", new StringSchema().format("date-time"))
                  .required(List.of("success", "data", "timestamp"));
      String mediaType =
          !route.raw() || route.responseType() != String.class
              ? "application/json"
              : route.path().equals("/docs") ? "text/html" : "text/plain";
      responses.addApiResponse(
          Integer.toString(route.successStatus()),
          new ApiResponse()
              .description("success")
              .content(new Content().addMediaType(mediaType, new MediaType().schema(envelope))));
      VersionedBodies.notModified(versioned, responses);
      errors(route)
          .forEach(
              (status, codes) ->
                  responses.addApiResponse(
                      Integer.toString(status),
                      new ApiResponse()
                          .description(describe(status, codes))
                          .content(
                              new Content()
                                  .addMediaType(
                                      "application/json",
                                      new MediaType().schema(errorOf(codes))))));
      op.responses(responses);
      if (route.access() == ApiRoute.Access.PUBLIC) {
        op.security(List.of()); // no token, overriding the document's bearer
      } else {
        op.addSecurityItem(new SecurityRequirement().addList("bearer"));
      }
      item.operation(PathItem.HttpMethod.valueOf(route.method().name()), op);
    }
    OpenAPI api =
        new OpenAPI()
            .openapi("3.0.3")
            .info(
                new Info()
                    .title("Vruksha Retail Engine")
                    .version(version)
                    .license(
                        new License()
                            .name("Apache-2.0")
                            .url("https://www.apache.org/licenses/LICENSE-2.0"))
                    .description(
                        "The retail engine over REST. Money is {amount, currency} with the amount a"
                            + " decimal string; every success is {success, data, timestamp}; every"
                            + " failure is {error, code, details, timestamp}."))
            .addServersItem(
                new Server()
                    .url("/")
                    .description(
                        "the server this document is served by (the demo: scripts/server.sh,"
                            + " http://localhost:8901)"))
            .addSecurityItem(new SecurityRequirement().addList("bearer"))
            .paths(paths)
            .components(
                new Components()
                    .schemas(schemas)
                    .addSecuritySchemes(
                        "bearer",
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("JWT")));
    tags.forEach(
        t ->
            api.addTagsItem(
                new Tag().name(t).description(TAGS.getOrDefault(t, "The " + t + " routes"))));
    markRequiredAndNullable(routes, schemas);
    VersionedBodies.freeForm(routes, schemas, NestedNames::nameOf);
    return api;
  }

  @SuppressWarnings("rawtypes")
  private static Schema querySchema(QueryParam q) {
    return switch (q.kind()) {
      case STRING -> new StringSchema().maxLength(256);
      case INTEGER ->
          new IntegerSchema()
              .minimum(BigDecimal.valueOf(q.min()))
              .maximum(BigDecimal.valueOf(q.max()));
      case ENUM -> {
        StringSchema e = new StringSchema();
        q.values().forEach(e::addEnumItem);
        yield e;
      }
      case DATE -> new StringSchema().format("date");
      case INSTANT -> new StringSchema().format("date-time");
      case DATE_OR_INSTANT ->
          new StringSchema()
              .pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2}))?$")
              .example("2026-11-24");
    };
  }

  /** The groups of routes, as the document and /docs show them. */
  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("auth", "Log in: a bearer token for a member of staff"),
          Map.entry("carts", "Carts a till builds line by line, parks and checks out"),
          Map.entry("catalog", "Products, their variants (SKUs) and barcodes"),
          Map.entry("curbside", "Collection slots and bookings for orders picked up outside"),
          Map.entry("customers", "Customers, their consent, loyalty and store credit"),
          Map.entry("invoices", "B2B invoices, credit notes and their payments"),
          Map.entry("loyalty", "Loyalty programme: points, tiers"),
          Map.entry("notifications", "Subscriptions and templates of notifications"),
          Map.entry("orders", "Kiosk, web and phone orders fulfilled later; available to sell"),
          Map.entry("pricing", "Price lists and promotions"),
          Map.entry("procurement", "Suppliers, purchase orders and their receipts"),
          Map.entry("registers", "Register shifts: float, cash movements, X and Z reports"),
          Map.entry("reports", "Daily sales, product performance and tax per day"),
          Map.entry("returns", "Goods taken back against a sale, and their refunds"),
          Map.entry("sales", "Baskets priced and sold; sales found by number, time, till"),
          Map.entry("staff", "The store's staff and their roles"),
          Map.entry("stock", "Stock levels, movements, receipts, transfers, counts"),
          Map.entry("stores", "The stores of the chain"),
          Map.entry("system", "Health, readiness, metrics and this document"),
          Map.entry(
              "tills", "Offline tills: the documents they push, the reference data they pull"),
          Map.entry("tax", "Tax jurisdictions: rates, rules and rounding"),
          Map.entry("warranties", "Warranties of serialised goods and their claims"));

  /**
   * An example body per route that takes one, keyed "METHOD path"; the hostile-body tests start
   * from the same examples, so each is a body the server accepts.
   */
  private static final Map<String, JsonNode> EXAMPLES = examples();

  private static Map<String, JsonNode> examples() {
    try (var in = OpenApiDocument.class.getResourceAsStream("request-examples.json")) {
      var tree = Json.MAPPER.readTree(in);
      Map<String, JsonNode> m = new TreeMap<>();
      tree.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
      return Map.copyOf(m);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("request-examples.json cannot be read", e);
    }
  }

  /** The example bodies, as JSON text, keyed "METHOD path". */
  public static Map<String, String> requestExamples() {
    Map<String, String> m = new TreeMap<>();
    EXAMPLES.forEach((k, v) -> m.put(k, v.toString()));
    return m;
  }

  private static String key(ApiRoute route) {
    return route.method().name() + " " + route.path();
  }

  /**
   * A record's components that are not {@link java.util.Optional} are required (the server refuses
   * a body without one, {@link RequestShape}, and always writes them); an optional one may be
   * {@code null} (the server writes it so when empty).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void markRequiredAndNullable(List<ApiRoute> routes, Map<String, Schema> schemas) {
    Set<Class<?>> seen = new HashSet<>();
    ArrayDeque<Type> todo = new ArrayDeque<>();
    for (ApiRoute r : routes) {
      r.requestType().ifPresent(todo::add);
      todo.add(r.responseType());
    }
    while (!todo.isEmpty()) {
      JavaType t = Json.MAPPER.constructType(todo.pop());
      if (t.isContainerType() || t.isReferenceType() || t.getRawClass() == Optional.class) {
        for (int i = 0; i < t.containedTypeCount(); i++) {
          todo.add(t.containedType(i));
        }
        if (t.isArrayType()) {
          todo.add(t.getContentType());
        }
        continue;
      }
      Class<?> raw = t.getRawClass();
      if (!raw.isRecord() || !seen.add(raw)) {
        continue;
      }
      Schema<?> schema = schemas.get(NestedNames.nameOf(raw));
      List<String> required = new ArrayList<>();
      for (RecordComponent c : raw.getRecordComponents()) {
        todo.add(c.getGenericType());
        if (schema == null || schema.getProperties() == null) {
          continue;
        }
        Schema property = schema.getProperties().get(c.getName());
        if (property == null) {
          continue;
        }
        if (c.getType() == Optional.class) {
          if (property.get$ref() != null) {
            // OpenAPI 3.0 ignores siblings of $ref: nullable goes on a wrapper
            schema
                .getProperties()
                .put(
                    c.getName(),
                    new ComposedSchema()
                        .addAllOfItem(new Schema<>().$ref(property.get$ref()))
                        .type(typeOf(schemas, property.get$ref()))
                        .nullable(true));
          } else {
            property.setNullable(true);
          }
        } else {
          required.add(c.getName());
        }
      }
      if (schema != null && !required.isEmpty()) {
        schema.setRequired(required);
      }
    }
  }

  @SuppressWarnings("rawtypes")
  private static String typeOf(Map<String, Schema> schemas, String ref) {
    Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    return target == null || target.getType() == null ? "object" : target.getType();
  }

  private static String operationId(ApiRoute route) {
    StringBuilder b = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String part : route.path().replace("/api/v1", "").split("[/{}_-]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /**
   * Every error {@code route} can answer, by status: those of every route of its shape (any route
   * refuses an unknown query parameter; a route with a token a bad one; a route with a body a
   * malformed one; a write with an {@code Idempotency-Key} a missing or reused key) and those its
   * table entry declares ({@link ApiRoute#errors}).
   */
  public static SortedMap<Integer, SortedSet<String>> errors(ApiRoute route) {
    SortedMap<Integer, SortedSet<String>> m = new TreeMap<>();
    BiConsumer<Integer, String> add =
        (status, code) -> m.computeIfAbsent(status, k -> new TreeSet<>()).add(code);
    add.accept(400, "request.unknown_parameter");
    add.accept(400, "request.repeated_parameter");
    if (!route.queryParams().isEmpty() || route.path().contains("{")) {
      add.accept(400, "validation.invalid"); // a query parameter or path id in the wrong format
    }
    if (route.access() != ApiRoute.Access.PUBLIC) {
      add.accept(401, "auth.unauthenticated");
      add.accept(403, "auth.forbidden");
    }
    route
        .requestType()
        .ifPresent(
            t -> {
              add.accept(400, "request.malformed");
              add.accept(400, "validation.invalid");
              if (holds(t, MoneyIn.class, new HashSet<>())) {
                // an amount with more decimals than its currency is refused, never rounded
                add.accept(400, ErrorCode.ROUNDING_REQUIRED.code());
              }
              add.accept(413, "request.too_large");
              if (route.access() == ApiRoute.Access.PUBLIC) {
                add.accept(415, "request.unsupported_media_type");
              }
            });
    if (route.idempotencyKey()) {
      add.accept(400, "idempotency.key_required");
      add.accept(409, "idempotency.in_flight");
      add.accept(422, "idempotency.key_reused");
    }
    add.accept(429, "rate_limited");
    add.accept(503, "system.unavailable");
    route.errors().forEach(r -> add.accept(r.status(), r.code()));
    return m;
  }

  /** Whether a body of {@code type} holds a {@code part} anywhere (in lists, maps, optionals). */
  private static boolean holds(Type type, Class<?> part, Set<Class<?>> seen) {
    JavaType t = Json.MAPPER.constructType(type);
    if (t.getRawClass() == part) {
      return true;
    }
    for (int i = 0; i < t.containedTypeCount(); i++) {
      if (holds(t.containedType(i), part, seen)) {
        return true;
      }
    }
    if (t.isArrayType() && holds(t.getContentType(), part, seen)) {
      return true;
    }
    if (!t.getRawClass().isRecord() || !seen.add(t.getRawClass())) {
      return false;
    }
    for (RecordComponent c : t.getRawClass().getRecordComponents()) {
      if (holds(c.getGenericType(), part, seen)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(int status, SortedSet<String> codes) {
    String what =
        switch (status) {
          case 400 -> "invalid input (a field, query parameter or path id, named in details)";
          case 401 -> "no valid bearer token";
          case 403 -> "the token may not do this (store or role)";
          case 404 -> "not found";
          case 409 -> "conflicts with the current state";
          case 413 -> "the body is too large";
          case 415 -> "the body is not sent as Content-Type: application/json";
          case 422 -> "well formed but cannot be processed";
          case 429 -> "rate limited; see Retry-After";
          case 503 -> "a dependency is down; retry later";
          default -> "the server failed";
        };
    return what + "; code: " + String.join(", ", codes);
  }

  /** The error body with its {@code code} one of {@code codes}. */
  private static Schema<?> errorOf(SortedSet<String> codes) {
    StringSchema code = new StringSchema();
    codes.forEach(code::addEnumItem);
    return new ComposedSchema()
        .addAllOfItem(new Schema<>().$ref("#/components/schemas/Error"))
        .addAllOfItem(new ObjectSchema().addProperty("code", code));
  }

  private static Schema<?> errorSchema() {
    return new ObjectSchema()
        .addProperty("error", new StringSchema().description("what went wrong, for people"))
        .addProperty(
            "code", new StringSchema().description("stable machine code, e.g. stock.insufficient"))
        .addProperty(
            "details",
            new ArraySchema()
                .items(new StringSchema())
                .description("the offending fields, lines or query parameters"))
        .addProperty(
            "shiftId",
            new StringSchema()
                .description(
                    "register.shift_state on opening a shift: the shift already open on the"
                        + " register"))
        .addProperty("timestamp", new StringSchema().format("date-time"))
        .required(List.of("error", "code", "details", "timestamp"));
  }

  @SuppressWarnings("rawtypes")
  private static Schema schemaOf(
      ModelConverters converters, Type type, Map<String, Schema> schemas) {
    if (type == Void.class) {
      return new ObjectSchema().nullable(true);
    }
    if (type instanceof Class<?> c && DocumentBody.class.isAssignableFrom(c)) {
      return DocumentBodySchema.of(c);
    }
    var resolved = converters.readAllAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    if (resolved.referencedSchemas != null) {
      schemas.putAll(resolved.referencedSchemas);
    }
    return resolved.schema;
  }

  /** A nested type is named with its enclosing types: PurchaseOrderLine, ReturnReceiptLine. */
  private static final class NestedNames extends TypeNameResolver {
    private final Map<String, Class<?>> named = new HashMap<>();

    @Override
    protected String getNameOfClass(Class<?> cls) {
      String name = nameOf(cls);
      Class<?> before = named.putIfAbsent(name, cls);
      if (before != null && before != cls) {
        // two types under one name: one schema would silently stand for both
        throw new IllegalStateException(
            "schema name " + name + " is taken by " + before.getName() + " and " + cls.getName());
      }
      return name;
    }

    static String nameOf(Class<?> cls) {
      StringBuilder name = new StringBuilder(cls.getSimpleName());
      for (Class<?> outer = cls.getEnclosingClass();
          outer != null;
          outer = outer.getEnclosingClass()) {
        if (!outer.getSimpleName().endsWith("Api") && !outer.getSimpleName().equals("Views")) {
          name.insert(0, outer.getSimpleName());
        }
      }
      return name.toString();
    }
  }

  /**
   * How the server writes its own value types: decimals and ids as strings, money as its two parts.
   */
  private static final class ServerTypes implements ModelConverter {
    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(
        AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
      JavaType t = Json.MAPPER.constructType(type.getType());
      Class<?> raw = t.getRawClass();
      if (raw == BigDecimal.class) {
        return new StringSchema().pattern("^-?[0-9]+(\\.[0-9]+)?$").description("a decimal, exact");
      }
      if (Json.VALUE_TYPES.contains(raw) || raw == Currency.class) {
        return new StringSchema();
      }
      if (raw == LocalTime.class) {
        return new StringSchema()
            .pattern("^[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$")
            .example("09:30:00");
      }
      if (raw.isEnum()) {
        // a named enum: an array of an inline enum trips some client generators
        String name = NestedNames.nameOf(raw);
        StringSchema values = new StringSchema();
        for (Object constant : raw.getEnumConstants()) {
          values.addEnumItem(((Enum<?>) constant).name());
        }
        context.defineModel(name, values, type, null);
        return new Schema<>().$ref("#/components/schemas/" + name);
      }
      if (raw == Money.class) {
        Schema money =
            new ObjectSchema()
                .name("Money")
                .addProperty(
                    "amount", new StringSchema().pattern("^-?[0-9]+(\\.[0-9]+)?$").example("12.30"))
                .addProperty("currency", new StringSchema().pattern("^[A-Z]{3}$").example("EUR"))
                .required(List.of("amount", "currency"));
        context.defineModel("Money", money, type, null);
        return new Schema<>().$ref("#/components/schemas/Money");
      }
      return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
  }
}
