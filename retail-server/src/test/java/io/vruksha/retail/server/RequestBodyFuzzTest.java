package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.BadJson;
import io.vruksha.retail.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jazzer fuzz target for the decoding of request bodies ({@link Json#readBody}, what {@code Api}
 * calls for every route): the first byte picks one of the route table's request types (sorted by
 * name), the rest is the body. Any input is either read as that type or refused with {@link
 * BadJson} under one of its documented messages; anything else (an exception of another kind, a
 * stack overflow, a hang) is a finding.
 *
 * <p>In {@code mvn verify} it runs in regression mode over the committed inputs in {@code
 * src/test/resources/io/vruksha/retail/server/RequestBodyFuzzTestInputs/decodesAnyBody/}. To fuzz
 * for longer: see docs/reliability.md ({@code JAZZER_FUZZ=1}).
 */
class RequestBodyFuzzTest {

  private static final List<String> MESSAGES =
      List.of(
          "malformed JSON at line ",
          "the body is not valid JSON",
          "unknown or read-only field '",
          "the body is nested too deeply or holds a number or text too long",
          "field '",
          "a JSON body is required");

  private static List<Class<?>> types;

  @BeforeAll
  static void routeTable() {
    types =
        RetailServer.apiRoutes(null).stream()
            .map(ApiRoute::requestType)
            .flatMap(Optional::stream)
            .distinct()
            .sorted(Comparator.comparing(Class::getName))
            .toList();
  }

  @AfterAll
  static void done() {
    types = null;
  }

  @Test
  void theTypesAreTheRouteTablesRequestTypes() {
    assertThat(types).hasSizeGreaterThanOrEqualTo(27).allMatch(Class::isRecord);
  }

  /**
   * Writes the well-formed inputs anew from {@link BodySeeds}, one per request type, each led by
   * the byte that selects its type: {@code mvn test -pl retail-server -Dtest=RequestBodyFuzzTest
   * -Dfuzz.regenerate=true} after the route table gains or loses a request type.
   */
  @Test
  void regenerateTheWellFormedInputsWhenAsked() throws Exception {
    if (!Boolean.getBoolean("fuzz.regenerate")) {
      return;
    }
    Path dir =
        Path.of(
            "src/test/resources/io/vruksha/retail/server/RequestBodyFuzzTestInputs/decodesAnyBody");
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Files.delete(f);
      }
    }
    for (ApiRoute route : RetailServer.apiRoutes(null)) {
      if (route.requestType().isEmpty() || BodySeeds.seed(route).isEmpty()) {
        continue;
      }
      Class<?> type = route.requestType().get();
      Path file = dir.resolve(type.getSimpleName() + ".json");
      if (Files.exists(file)) {
        continue;
      }
      byte[] body =
          BodySeeds.seed(route)
              .orElseThrow()
              .replaceAll("\\{[A-Za-z]+}", "x")
              .getBytes(StandardCharsets.UTF_8);
      byte[] input = new byte[body.length + 1];
      input[0] = (byte) types.indexOf(type);
      System.arraycopy(body, 0, input, 1, body.length);
      Files.write(file, input);
    }
  }

  @Test
  void theCommittedWellFormedInputsDecodeAsTheirType() throws Exception {
    Path inputs =
        Path.of(
            RequestBodyFuzzTest.class
                .getResource("RequestBodyFuzzTestInputs/decodesAnyBody")
                .toURI());
    int decoded = 0;
    try (var files = Files.list(inputs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        byte[] input = Files.readAllBytes(file);
        Class<?> type = types.get(Math.floorMod(input[0], types.size()));
        assertThat(type.getSimpleName() + ".json").isEqualTo(file.getFileName().toString());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        assertThat(Json.readBody(body, type)).isInstanceOf(type);
        decoded++;
      }
    }
    assertThat(decoded).isEqualTo(types.size());
  }

  @FuzzTest(maxDuration = "60s")
  void decodesAnyBody(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Class<?> type = types.get(Math.floorMod(input[0], types.size()));
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    try {
      Object value = Json.readBody(body, type);
      assertThat(value).as("a body is never read as nothing").isNotNull();
      assertThat(value).isInstanceOf(type);
    } catch (BadJson refused) {
      assertThat(MESSAGES)
          .as("a documented refusal: " + refused.getMessage())
          .anyMatch(refused.getMessage()::startsWith);
    }
  }
}
