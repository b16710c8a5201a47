package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What legitimately differs between the engines, and only that, replaced by labels:
 *
 * <ul>
 *   <li>generated ids (sale, shift, return and purchase-order ids are random UUIDs, each engine its
 *       own): each becomes {@code id#n}, n counting the ids in the order this engine first showed
 *       them. Operations run in the same order everywhere, so the same sale carries the same label
 *       in every engine, and a label in the wrong place is still a difference.
 *   <li>journal hashes (SHA-256, 64 hex digits): a Z report's content names its shift's id, so from
 *       the first Z on every later hash differs with the ids; each becomes {@code hash#n} the same
 *       way. The chain itself is still checked: the journal's content is compared (ids labelled),
 *       each engine's own verification must find nothing, and the same hash must sit in the same
 *       places (a sale's journalHash is its invoice's hash, each next entry's previousHash).
 *   <li>the instants an import wrote ({@link #imported}): the command line has no clock but the
 *       wall clock (the database's {@code now()}), so what it writes (a receipt's time, a
 *       customer's creation) carries the moment it ran, in each database another; the reference
 *       writes the same rows at the sequence's clock. The reactions to the import run a microsecond
 *       later, and the reference enrols an imported customer in loyalty as it creates them where
 *       the set-based import leaves that to the reaction: so the import's window is the time the
 *       command line ran plus the sequence's two instants, and every instant within it becomes
 *       {@code import#n}, n counting the imports. The sequence's clock is moved ten minutes past
 *       the wall clock first, so nothing else the engines did falls into it.
 * </ul>
 *
 * Nothing else is touched: instants, amounts, quantities, names and numbers compare exactly. One
 * normaliser per engine, kept for the whole sequence.
 */
final class Normaliser {

  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

  private final Map<String, String> labels = new HashMap<>();
  private final List<Window> imports = new ArrayList<>();
  private int importCount;
  private int ids;
  private int hashes;
  private int movements;

  JsonNode apply(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(label(node.asText()));
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(apply(n)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      boolean movement = node.has("sequence") && node.has("change") && node.has("reason");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (movement && f.getKey().equals("sequence")) {
          out.put(
              "sequence",
              labels.computeIfAbsent(
                  "movement " + f.getValue().asText(), k -> "movement#" + ++movements));
        } else {
          out.set(label(f.getKey()), apply(f.getValue()));
        }
      }
      return out;
    }
    return node;
  }

  /**
   * The instants from {@code from} to {@code to} (both included) are the n-th import's (the n-th
   * time this is called with {@code next}; a second window of the same import without).
   */
  void imported(Instant from, Instant to, boolean next) {
    if (next) {
      importCount++;
    }
    imports.add(new Window(from, to, "import#" + importCount));
  }

  private record Window(Instant from, Instant to, String label) {}

  private String label(String text) {
    if (!imports.isEmpty() && INSTANT.matcher(text).matches()) {
      Instant at = Instant.parse(text);
      // the latest import first: its window is the one an instant belongs to
      for (int i = imports.size() - 1; i >= 0; i--) {
        Window w = imports.get(i);
        if (!at.isBefore(w.from()) && !at.isAfter(w.to())) {
          return w.label();
        }
      }
    }
    Matcher m = ID.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder b = new StringBuilder();
    do {
      String raw = m.group();
      String l =
          labels.computeIfAbsent(raw, k -> k.length() == 64 ? "hash#" + ++hashes : "id#" + ++ids);
      m.appendReplacement(b, Matcher.quoteReplacement(l));
    } while (m.find());
    m.appendTail(b);
    return b.toString();
  }
}
