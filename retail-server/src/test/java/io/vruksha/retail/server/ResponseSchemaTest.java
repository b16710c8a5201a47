package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The response side of the contract: the whole demo-day walk of {@link ServerContract}, which calls
 * every route, with every answer checked against the OpenAPI document by {@link OpenApiChecker} —
 * its status is one the document lists for the route, and its JSON body validates against the
 * schema for that status.
 */
class ResponseSchemaTest extends DemoServerTest {

  private OpenApiChecker checker;

  @BeforeEach
  void checkEveryAnswer() {
    checker = new OpenApiChecker(client.get("/openapi.json", null).body(), server.routes());
    client.checkEveryAnswerWith(checker);
  }

  @AfterEach
  void everyAnswerKeptToTheDocument() {
    assertThat(checker.broken()).as("answers the document does not describe").isEmpty();
    assertThat(checker.validated().size())
        .as("routes whose answers were validated")
        .isGreaterThan(80);
  }
}
