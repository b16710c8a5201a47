package io.vruksha.retail.server;

import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.OpenApiDocument;
import java.util.Map;
import java.util.Optional;

/**
 * A well-formed body for every route of the table that takes one, the example the OpenAPI document
 * shows for it: the starting point the hostile generators mutate. A route that takes a body and has
 * no seed here fails {@code HostileBodyPropertiesTest.everyBodyRouteHasASeed}, so a new route
 * cannot escape the fuzzing.
 */
final class BodySeeds {

  private BodySeeds() {}

  /** The example bodies of the OpenAPI document (request-examples.json), keyed "METHOD path". */
  static final Map<String, String> SEEDS = OpenApiDocument.requestExamples();

  /** The route's key in {@link #SEEDS}: method and path as in the table. */
  static String key(ApiRoute route) {
    return route.method().name() + " " + route.path();
  }

  /** The seed of {@code route}, if it has one. */
  static Optional<String> seed(ApiRoute route) {
    return Optional.ofNullable(SEEDS.get(key(route)));
  }
}
