package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Where two JSON answers differ, as paths with both values. */
final class Differences {

  private static final int MAX = 12;

  private Differences() {}

  /** The differences between {@code expected} and {@code actual}, at most a dozen. */
  static List<String> between(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    walk("$", expected, actual, out);
    return out;
  }

  private static void walk(String path, JsonNode e, JsonNode a, List<String> out) {
    if (out.size() >= MAX) {
      return;
    }
    if (e == null || a == null || e.getNodeType() != a.getNodeType()) {
      if (!Objects.equals(e, a)) {
        out.add(path + ": " + e + " <> " + a);
      }
      return;
    }
    if (e.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      e.fieldNames().forEachRemaining(names::add);
      a.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        walk(path + "." + n, e.get(n), a.get(n), out);
      }
    } else if (e.isArray()) {
      if (e.size() != a.size()) {
        out.add(path + ": " + e.size() + " elements <> " + a.size());
      }
      Iterator<JsonNode> ei = e.elements();
      Iterator<JsonNode> ai = a.elements();
      for (int i = 0; ei.hasNext() && ai.hasNext(); i++) {
        walk(path + "[" + i + "]", ei.next(), ai.next(), out);
      }
    } else if (e.isNumber()) {
      // an int read back from HTTP and a long rendered in process are the same number
      if (!e.asText().equals(a.asText())) {
        out.add(path + ": " + e + " <> " + a);
      }
    } else if (!e.equals(a)) {
      out.add(path + ": " + e + " <> " + a);
    }
  }

  /** The keys only one of two read maps has. */
  static List<String> keys(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    List<String> out = new ArrayList<>();
    expected.keySet().stream()
        .filter(k -> !actual.containsKey(k))
        .forEach(k -> out.add("missing " + k));
    actual.keySet().stream()
        .filter(k -> !expected.containsKey(k))
        .forEach(k -> out.add("extra " + k));
    return out;
  }
}
