package io.vruksha.retail.server.http;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link OpenApiDocument} describes a route that answers {@link Versioned}: the {@code
 * If-None-Match} header it takes, the 304 it may answer, and its body's parts as any JSON (they are
 * the engine's records in their stored-document form, not in the server's).
 */
final class VersionedBodies {

  private VersionedBodies() {}

  /** Whether {@code route} answers a versioned body; if so, {@code op} lists If-None-Match. */
  static boolean document(ApiRoute route, Operation op) {
    boolean versioned =
        route.responseType() instanceof Class<?> c && Versioned.Body.class.isAssignableFrom(c);
    if (versioned) {
      op.addParametersItem(
          new HeaderParameter()
              .name("If-None-Match")
              .required(false)
              .description("the ETag the client holds: 304 while it is the current version")
              .schema(new StringSchema()));
    }
    return versioned;
  }

  /** Adds the 304 of a versioned route. */
  static void notModified(boolean versioned, ApiResponses responses) {
    if (versioned) {
      responses.addApiResponse(
          "304", new ApiResponse().description("not modified: the client holds this version"));
    }
  }

  /** Makes the map-valued parts of every versioned body's schema free-form. */
  @SuppressWarnings("rawtypes")
  static void freeForm(
      List<ApiRoute> routes, Map<String, Schema> schemas, Function<Class<?>, String> names) {
    for (ApiRoute r : routes) {
      if (r.responseType() instanceof Class<?> c && Versioned.Body.class.isAssignableFrom(c)) {
        Schema doc = schemas.get(names.apply(c));
        if (doc != null && doc.getProperties() != null) {
          for (Object part : doc.getProperties().values()) {
            freeForm((Schema) part);
          }
        }
      }
    }
  }

  @SuppressWarnings("rawtypes")
  private static void freeForm(Schema s) {
    if (s.getItems() != null) {
      freeForm(s.getItems());
    } else if (s.getAdditionalProperties() instanceof Schema) {
      s.setAdditionalProperties(true);
    }
  }
}
