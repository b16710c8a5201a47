package io.vruksha.retail.server.http;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
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
import io.swagger.v3.oas.models.tags.Tag;
import io.vruksha.retail.money.Money;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
                                      new MediaType().schema(schemaOf(converters, t, schemas))))));
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
          route.raw() && route.responseType() == String.class ? "text/plain" : "application/json";
      responses.addApiResponse(
          Integer.toString(route.successStatus()),
          new ApiResponse()
              .description("success")
              .content(new Content().addMediaType(mediaType, new MediaType().schema(envelope))));
      for (String status : errorStatuses(route)) {
        responses.addApiResponse(
            status,
            new ApiResponse()
                .description(describe(status))
                .content(
                    new Content()
                        .addMediaType(
                            "application/json",
                            new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/Error")))));
      }
      op.responses(responses);
      if (route.access() != ApiRoute.Access.PUBLIC) {
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
                    .description(
                        "The retail engine over REST. Money is {amount, currency} with the amount a"
                            + " decimal string; every success is {success, data, timestamp}; every"
                            + " failure is {error, code, details, timestamp}."))
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
    tags.forEach(t -> api.addTagsItem(new Tag().name(t)));
    return api;
  }

  @SuppressWarnings("rawtypes")
  private static Schema querySchema(QueryParam q) {
    return switch (q.kind()) {
      case STRING -> new StringSchema().maxLength(256);
      case INTEGER ->
          new io.swagger.v3.oas.models.media.IntegerSchema()
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

  private static String operationId(ApiRoute route) {
    StringBuilder b = new StringBuilder(route.method().name().toLowerCase(java.util.Locale.ROOT));
    for (String part : route.path().replace("/api/v1", "").split("[/{}_-]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static List<String> errorStatuses(ApiRoute route) {
    List<String> s = new java.util.ArrayList<>();
    if (route.requestType().isPresent() || route.idempotencyKey() || route.path().contains("{")) {
      s.add("400");
    }
    if (route.access() != ApiRoute.Access.PUBLIC) {
      s.add("401");
      s.add("403");
    }
    if (route.path().contains("{")) {
      s.add("404");
    }
    if (route.idempotencyKey() || route.method().name().equals("POST")) {
      s.add("409");
    }
    if (route.requestType().isPresent()) {
      s.add("413");
      s.add("422");
    }
    s.add("429");
    s.add("503");
    return s;
  }

  private static String describe(String status) {
    return switch (status) {
      case "400" -> "invalid input";
      case "401" -> "no valid bearer token";
      case "403" -> "the token may not do this (store or role)";
      case "404" -> "not found";
      case "409" -> "conflicts with the current state (out of stock, key in flight, ...)";
      case "413" -> "the body is too large";
      case "422" ->
          "well formed but cannot be processed (unknown SKU, key reused with another body, ...)";
      case "429" -> "rate limited; see Retry-After";
      default -> "a dependency is down; retry later";
    };
  }

  private static Schema<?> errorSchema() {
    return new ObjectSchema()
        .addProperty("error", new StringSchema().description("what went wrong, for people"))
        .addProperty(
            "code", new StringSchema().description("stable machine code, e.g. stock.insufficient"))
        .addProperty("details", new ArraySchema().items(new StringSchema()))
        .addProperty("timestamp", new StringSchema().format("date-time"))
        .required(List.of("error", "code", "details", "timestamp"));
  }

  @SuppressWarnings("rawtypes")
  private static Schema schemaOf(
      ModelConverters converters, Type type, Map<String, Schema> schemas) {
    if (type == Void.class) {
      return new ObjectSchema().nullable(true);
    }
    var resolved = converters.readAllAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    if (resolved.referencedSchemas != null) {
      schemas.putAll(resolved.referencedSchemas);
    }
    return resolved.schema;
  }

  /** A nested type is named with its enclosing types: PurchaseOrderLine, ReturnReceiptLine. */
  private static final class NestedNames extends io.swagger.v3.core.jackson.TypeNameResolver {
    @Override
    protected String getNameOfClass(Class<?> cls) {
      return nameOf(cls);
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
      if (raw == java.time.LocalTime.class) {
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
