package io.vruksha.retail.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.vruksha.retail.json.DocumentJson;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body of the engine's own records in their document form ({@code
 * io.vruksha.retail.json.DocumentJson}, as a till stores and sends them) rather than the API's:
 * read with that mapper, and described in the OpenAPI document as that form. A field anywhere that
 * its record neither has nor writes in that form is refused, as in every body (400 naming it).
 */
public interface DocumentBody {

  /** Refuses a field, at any depth of {@code tree}, that its record does not know. */
  static void checkFields(JsonNode tree, Type type) {
    check(tree, type, "");
  }

  private static void check(JsonNode node, Type type, String path) {
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == Optional.class) {
      check(node, ((ParameterizedType) type).getActualTypeArguments()[0], path);
    } else if (raw.isRecord() && node.isObject()) {
      Set<String> known = new HashSet<>();
      // what the document form writes: the components and the derived values (a quantity's zero)
      for (BeanPropertyDefinition d :
          DocumentJson.MAPPER
              .getSerializationConfig()
              .introspect(DocumentJson.MAPPER.constructType(raw))
              .findProperties()) {
        known.add(d.getName());
      }
      for (RecordComponent c : raw.getRecordComponents()) {
        known.add(c.getName());
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          throw BadJson.unknownField(path.isEmpty() ? name : path + "." + name, name);
        }
      }
      for (RecordComponent c : raw.getRecordComponents()) {
        if (node.has(c.getName())) {
          String child = path.isEmpty() ? c.getName() : path + "." + c.getName();
          check(node.get(c.getName()), c.getGenericType(), child);
        }
      }
    } else if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), element, path + "[" + i + "]");
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      node.fieldNames().forEachRemaining(n -> check(node.get(n), value, path + "." + n));
    }
  }
}
