package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The answers that are not a record: a refusal's code, a skipped operation, a clock move. */
final class Outcomes {

  static final JsonNode TIME = JsonNodeFactory.instance.objectNode().put("clock", "moved");

  private Outcomes() {}

  static JsonNode error(String code) {
    return JsonNodeFactory.instance.objectNode().put("error", code);
  }

  static JsonNode skipped(String why) {
    return JsonNodeFactory.instance.objectNode().put("skipped", why);
  }
}
