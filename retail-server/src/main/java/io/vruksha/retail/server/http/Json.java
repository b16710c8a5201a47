package io.vruksha.retail.server.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * The server's JSON: money as {@code {"amount": "12.30", "currency": "EUR"}} with the amount a
 * decimal string, every decimal a string, ids as plain strings, instants in ISO-8601. Reading is
 * strict: an unknown or read-only field is refused (no mass assignment), so is a field given twice,
 * floats are read exactly, and nesting, number length and string length are bounded.
 */
public final class Json implements io.javalin.json.JsonMapper {

  @JsonIgnoreProperties({"zero", "negative", "positive"})
  private abstract static class MoneyMixin {}

  private abstract static class StoreIdMixin {
    @JsonValue
    abstract String value();

    @JsonCreator
    static StoreId of(String value) {
      return null;
    }
  }

  private abstract static class SkuMixin {
    @JsonValue
    abstract String value();

    @JsonCreator
    static Sku of(String value) {
      return null;
    }
  }

  private abstract static class CustomerIdMixin {
    @JsonValue
    abstract String value();

    @JsonCreator
    static CustomerId of(String value) {
      return null;
    }
  }

  /** Identifiers written as their plain string value. */
  private abstract static class ValueMixin {
    @JsonValue
    abstract String value();
  }

  /** The single-value identifier types, written as plain strings. */
  public static final List<Class<?>> VALUE_TYPES =
      List.of(
          StoreId.class,
          Sku.class,
          CustomerId.class,
          ProductId.class,
          CategoryId.class,
          TaxCategory.class,
          PriceListId.class,
          LocationId.class,
          PromotionId.class,
          LoyaltyTier.class,
          CustomerGroupId.class);

  /** The mapper, shared. */
  public static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    JsonMapper m =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // {"role":"CASHIER","role":"ADMIN"} means different things to different parsers
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a decimal goes out as "1000", never "1E+3": the pattern the document gives it
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .addMixIn(Money.class, MoneyMixin.class)
            .addMixIn(StoreId.class, StoreIdMixin.class)
            .addMixIn(Sku.class, SkuMixin.class)
            .addMixIn(CustomerId.class, CustomerIdMixin.class)
            .build();
    for (Class<?> c : VALUE_TYPES) {
      if (m.findMixInClassFor(c) == null) {
        m.addMixIn(c, ValueMixin.class);
      }
    }
    // a JSON number or boolean is never read into a text field: money amounts are decimal
    // strings, and {"pin": true} is not the PIN "true"
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // no null inside a list or a map ({"variants": [null]}): a 400 naming the element, rather
    // than a null every handler would have to expect
    m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    m.registerModule(
        new SimpleModule("bounded-identifiers")
            .addDeserializer(String.class, new BoundedIdentifiers()));
    m.configOverride(BigDecimal.class)
        .setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(40)
                .maxStringLength(1_000_000)
                .build());
    return m;
  }

  /** The longest identifier a body may carry: ids are keys of indexes, which bound their size. */
  public static final int MAX_IDENTIFIER = 128;

  /**
   * Reads text as usual, and refuses an identifier ({@code id}, {@code ...Id}, {@code sku}, {@code
   * code}) over {@link #MAX_IDENTIFIER} characters with a 400 naming the field, before it reaches a
   * database index that cannot hold it.
   */
  private static final class BoundedIdentifiers extends StdScalarDeserializer<String> {

    private static final StringDeserializer TEXT = StringDeserializer.instance;

    BoundedIdentifiers() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = TEXT.deserialize(p, ctxt);
      String name = p.currentName();
      if (value != null
          && value.length() > MAX_IDENTIFIER
          && name != null
          && (name.equals("id")
              || name.endsWith("Id")
              || name.equals("sku")
              || name.equals("code"))) {
        throw JsonMappingException.from(
            p,
            name + " is longer than " + MAX_IDENTIFIER + " characters",
            new InvalidInputException(
                ErrorCode.VALIDATION, "is longer than " + MAX_IDENTIFIER + " characters"));
      }
      return value;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }
  }

  /**
   * A request body read as {@code type}, as every route reads it: an empty body or a JSON {@code
   * null} is "a JSON body is required", anything that is not the type's JSON is a {@link BadJson}
   * naming the field or position.
   */
  public static <T> T readBody(byte[] bytes, Class<T> type) {
    if (bytes.length == 0) {
      throw BadJson.because("a JSON body is required");
    }
    // the engine's own records, as a till stores and sends them: read in their document form
    ObjectMapper mapper = DocumentBody.class.isAssignableFrom(type) ? DocumentJson.MAPPER : MAPPER;
    T value;
    try {
      JsonNode tree = mapper.readTree(bytes);
      if (tree == null || tree.isNull() || tree.isMissingNode()) {
        throw BadJson.because("a JSON body is required");
      }
      if (mapper == MAPPER) {
        // required fields, decimal strings and enum values, as the OpenAPI document states them
        RequestShape.check(tree, MAPPER.constructType(type), "");
      } else {
        DocumentBody.checkFields(tree, type);
      }
      value = mapper.treeToValue(tree, type);
    } catch (IOException e) {
      throw BadJson.of(e);
    }
    if (value == null) {
      throw BadJson.because("a JSON body is required");
    }
    return value;
  }

  @Override
  public String toJsonString(Object obj, Type type) {
    try {
      return MAPPER.writeValueAsString(obj);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + type.getTypeName() + " as JSON", e);
    }
  }

  @Override
  public <T> T fromJsonString(String json, Type type) {
    try {
      return MAPPER.readValue(json, MAPPER.constructType(type));
    } catch (IOException e) {
      throw BadJson.of(e);
    }
  }

  @Override
  public <T> T fromJsonStream(InputStream json, Type type) {
    try {
      return MAPPER.readValue(json, MAPPER.constructType(type));
    } catch (IOException e) {
      throw BadJson.of(e);
    }
  }
}
