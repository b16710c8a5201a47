package io.vruksha.retail.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile JSON: strings (SQL-like, NUL, lone surrogates, RTL marks, emoji, long text;
 * the megabyte string is a case of its own in {@code HostileBodyPropertiesTest}), numbers
 * (1e999999999, 23-digit decimals, -0, NaN), values of arbitrary shape, bodies shaped like a
 * request type with hostile leaves, and mutations of a valid body (fields removed, nulled, retyped,
 * unknown or read-only fields added).
 */
final class HostileJson {

  private HostileJson() {}

  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Fields a client must never set: server-assigned, read-only or a privilege. */
  static final List<String> READ_ONLY =
      List.of(
          "id",
          "storeId",
          "createdAt",
          "updatedAt",
          "total",
          "number",
          "status",
          "role",
          "journalHash",
          "previousHash",
          "balance",
          "onHand",
          "cashier",
          "cashierId",
          "stores",
          "admin",
          "permissions",
          "paid",
          "discount",
          "success",
          "data",
          "@class",
          "@type",
          "__proto__");

  /** Text a hostile client might send. */
  static final List<String> NASTY =
      List.of(
          "'; DROP TABLE sales; --",
          "\" OR 1=1 --",
          "MUG' OR '1'='1",
          "\u0000",
          "MUG\u0000",
          "\uD800",
          "\uDFFFx",
          "\u202Emug\u202C",
          "\u200F\u200E",
          "\uD83D\uDE00\uD83C\uDF7A",
          "\uFEFF",
          "\uFFFD",
          "Z\u0351\u0352\u0353\u0354\u0355\u0356",
          "${jndi:ldap://127.0.0.1/x}",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "%s%n%x",
          "\r\nSet-Cookie: x=1",
          "  ",
          "",
          "-0",
          "NaN",
          "Infinity",
          "1e999999999",
          "-1e-999999999",
          "99999999999999999999999.999999",
          "0x10",
          "1,5",
          "\u0661\u0662",
          "9".repeat(50));

  /** Words the server knows, so generated bodies sometimes get past the first check. */
  static final List<String> KNOWN =
      List.of(
          "MUG",
          "CAKE",
          "TEE-M",
          "TEE-L",
          "GOUDA",
          "COFFEE",
          "EUR",
          "USD",
          "CASH",
          "CARD",
          "POINTS",
          "STORE_CREDIT",
          "ORIGINAL",
          "CASHIER",
          "SUPERVISOR",
          "MANAGER",
          "demo",
          "other",
          "c-1",
          "floor",
          "backroom",
          "Europe/Berlin",
          "UTC",
          "standard",
          "TAXED",
          "EACH",
          "KG",
          "ACTIVE",
          "PERCENT_OFF",
          "AMOUNT_OFF",
          "MONDAY",
          "1",
          "0",
          "-1",
          "0.19",
          "10.00",
          "2099-01-01T00:00:00Z",
          "09:00",
          "1234",
          "demo-admin-1");

  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(KNOWN)),
        Tuple.of(4, Arbitraries.of(NASTY)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(24)),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(200).ofMaxLength(5000)),
        Tuple.of(1, Arbitraries.just("x".repeat(10_000))));
  }

  /** Numbers as JSON numbers, some beyond any range, some written raw (NaN, -0, exponents). */
  static Arbitrary<JsonNode> numbers() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().map(NODES::numberNode)),
        Tuple.of(2, Arbitraries.longs().map(NODES::numberNode)),
        Tuple.of(2, Arbitraries.bigDecimals().ofScale(3).map(NODES::numberNode)),
        Tuple.of(
            4,
            Arbitraries.of(
                    "0",
                    "-0",
                    "-0.0",
                    "1e999999999",
                    "-1e999999999",
                    "1e-999999999",
                    "99999999999999999999999.999999",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "2147483648",
                    "1.7976931348623157e309",
                    "4.9e-325",
                    "0.000000000000000000001",
                    "1E+2",
                    "NaN",
                    "-Infinity",
                    "123456789012345678901234567890123456789012345",
                    "1." + "0".repeat(60))
                .map(text -> NODES.rawValueNode(new RawValue(text)))));
  }

  static Arbitrary<JsonNode> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, strings().map(s -> (JsonNode) NODES.textNode(s))),
        Tuple.of(3, numbers()),
        Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false))),
        Tuple.of(1, Arbitraries.just(NODES.nullNode())));
  }

  /** A JSON value of any shape, nested up to {@code depth}. */
  static Arbitrary<JsonNode> any(int depth) {
    if (depth <= 0) {
      return scalars();
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> any(depth - 1));
    Arbitrary<JsonNode> array =
        inner
            .list()
            .ofMaxSize(4)
            .map(
                l -> {
                  ArrayNode a = NODES.arrayNode();
                  l.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonNode> object =
        Arbitraries.maps(fieldNames(), inner)
            .ofMaxSize(4)
            .map(
                m -> {
                  ObjectNode o = NODES.objectNode();
                  m.forEach(o::set);
                  return o;
                });
    return Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** Values within the parser's limits: known and nasty text, small numbers, empty containers. */
  static Arbitrary<JsonNode> modest() {
    return Arbitraries.oneOf(
        Arbitraries.of(KNOWN).map(NODES::textNode),
        Arbitraries.of(NASTY).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.of(
            NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode()));
  }

  /** Field names: read-only ones, plausible ones, and any text. */
  static Arbitrary<String> fieldNames() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(READ_ONLY)),
        Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(16)),
        Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)));
  }

  /** A body shaped like {@code type} (a record), its leaves hostile, its shape sometimes wrong. */
  static Arbitrary<JsonNode> shapedLike(Type type, int depth) {
    Class<?> raw = raw(type);
    Arbitrary<JsonNode> right;
    if (depth > 6) {
      right = scalars();
    } else if (raw.isRecord()) {
      List<Arbitrary<Optional<JsonNode>>> parts = new ArrayList<>();
      RecordComponent[] components = raw.getRecordComponents();
      for (RecordComponent c : components) {
        Arbitrary<JsonNode> value = shapedLike(c.getGenericType(), depth + 1);
        int absent = c.getType() == Optional.class ? 3 : 1;
        parts.add(
            Arbitraries.frequencyOf(
                Tuple.of(absent, Arbitraries.just(Optional.<JsonNode>empty())),
                Tuple.of(8, value.map(Optional::of))));
      }
      right =
          Combinators.combine(parts)
              .as(
                  values -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < components.length; i++) {
                      int at = i;
                      values.get(i).ifPresent(v -> o.set(components[at].getName(), v));
                    }
                    return (JsonNode) o;
                  });
    } else if (raw == Optional.class) {
      right = shapedLike(argument(type, 0), depth);
    } else if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
      right =
          shapedLike(argument(type, 0), depth + 1)
              .list()
              .ofMaxSize(4)
              .map(
                  l -> {
                    ArrayNode a = NODES.arrayNode();
                    l.forEach(a::add);
                    return a;
                  });
    } else if (Map.class.isAssignableFrom(raw)) {
      right =
          Arbitraries.maps(strings(), shapedLike(argument(type, 1), depth + 1))
              .ofMaxSize(3)
              .map(
                  m -> {
                    ObjectNode o = NODES.objectNode();
                    m.forEach(o::set);
                    return o;
                  });
    } else if (raw == String.class
        || raw == BigDecimal.class
        || raw == Instant.class
        || raw == LocalDate.class
        || raw == LocalTime.class
        || raw == DayOfWeek.class) {
      right = strings().map(NODES::textNode);
    } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      right = numbers();
    } else if (raw == boolean.class || raw == Boolean.class) {
      right = Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false));
    } else {
      right = any(2);
    }
    return Arbitraries.frequencyOf(Tuple.of(9, right), Tuple.of(1, any(2)));
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  /** One change to a valid body. */
  record Mutation(int target, int kind, JsonNode value, String field) {}

  static Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 8),
            any(2),
            fieldNames())
        .as(Mutation::new);
  }

  /** {@code seed} with {@code mutations} applied to a copy. */
  static JsonNode mutate(JsonNode seed, List<Mutation> mutations) {
    JsonNode root = seed.deepCopy();
    for (Mutation m : mutations) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode at = containers.get(m.target() % containers.size());
      apply(at, m);
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      node.forEach(child -> collect(child, into));
    }
  }

  private static void apply(JsonNode container, Mutation m) {
    if (container instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (m.kind() == 5 || names.isEmpty()) {
        o.set(m.field(), m.value());
        return;
      }
      String name = names.get(Math.floorMod(m.value().hashCode(), names.size()));
      switch (m.kind()) {
        case 0 -> o.remove(name);
        case 1 -> o.putNull(name);
        case 6 -> o.set(name, NODES.arrayNode().add(o.get(name)));
        case 7 -> o.put(name, m.target() % 2 == 0);
        case 8 -> o.set(name, m.target() % 2 == 0 ? NODES.objectNode() : NODES.arrayNode());
        default -> o.set(name, m.value());
      }
    } else if (container instanceof ArrayNode a) {
      if (a.isEmpty() || m.kind() == 5) {
        a.add(m.value());
        return;
      }
      int index = m.target() % a.size();
      switch (m.kind()) {
        case 0 -> a.remove(index);
        case 1 -> a.set(index, NODES.nullNode());
        case 6 -> a.set(index, NODES.arrayNode().add(a.get(index)));
        default -> a.set(index, m.value());
      }
    }
  }

  /** The body as bytes: UTF-8, with non-ASCII escaped ({@code \ud800}) when {@code escape}. */
  static byte[] bytes(JsonNode body, boolean escape) {
    try {
      if (escape) {
        return JSON.writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII)
            .writeValueAsString(body)
            .getBytes(StandardCharsets.US_ASCII);
      }
      return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
