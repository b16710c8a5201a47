package io.vruksha.retail.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The {@link DocumentJson} form of a value written the same way every time, whatever the adapter
 * that read it and whichever JVM writes it: map entries ordered by key and set elements ordered by
 * their own canonical JSON ({@code Set.copyOf} and {@code Map.copyOf} iterate in an order that
 * changes from one JVM run to the next). It reads back with {@link DocumentJson#read}, and its
 * {@link #sha256} is a version of the content: equal for equal content, different when anything in
 * it changes.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  private static final ObjectMapper CANONICAL =
      DocumentJson.MAPPER
          .copy()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .registerModule(
              new SimpleModule("canonical-sets").setSerializerModifier(new SortedSets()));

  /** {@code value} in its canonical JSON form. */
  public static String write(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          value.getClass().getSimpleName() + " cannot be written as JSON", e);
    }
  }

  /** The SHA-256 of {@code value}'s canonical JSON (UTF-8), as 64 lower-case hex digits. */
  public static String sha256(Object value) {
    return sha256(write(value));
  }

  /** The SHA-256 of {@code text} (UTF-8), as 64 lower-case hex digits. */
  public static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Writes every {@link Set} with its elements in the order of their canonical JSON. */
  private static final class SortedSets extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> modifyCollectionSerializer(
        SerializationConfig config,
        CollectionType valueType,
        BeanDescription beanDesc,
        JsonSerializer<?> serializer) {
      return Set.class.isAssignableFrom(valueType.getRawClass()) ? new SortedSet() : serializer;
    }
  }

  private static final class SortedSet extends StdSerializer<Collection<?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    SortedSet() {
      super((Class) Collection.class);
    }

    @Override
    public void serialize(Collection<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      List<String> elements = new ArrayList<>(value.size());
      for (Object e : value) {
        elements.add(CANONICAL.writeValueAsString(e));
      }
      Collections.sort(elements);
      gen.writeStartArray();
      for (String e : elements) {
        gen.writeRawValue(e);
      }
      gen.writeEndArray();
    }
  }
}
