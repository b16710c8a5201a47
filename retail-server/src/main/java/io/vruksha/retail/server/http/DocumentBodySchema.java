package io.vruksha.retail.server.http;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The OpenAPI schema of a {@link DocumentBody}: an object whose list components are arrays of the
 * engine's records in their document form, named and described rather than spelled out in the API's
 * own JSON form, which they do not follow.
 */
final class DocumentBodySchema {

  private DocumentBodySchema() {}

  @SuppressWarnings("rawtypes")
  static Schema of(Class<?> type) {
    ObjectSchema schema = new ObjectSchema();
    schema.description(
        "the engine's records as io.vruksha.retail.json.DocumentJson writes them (module"
            + " retail-json), as a till stores and sends them");
    for (RecordComponent c : type.getRecordComponents()) {
      Type t = c.getGenericType();
      if (c.getType() == List.class && t instanceof ParameterizedType p) {
        String element = ((Class<?>) p.getActualTypeArguments()[0]).getSimpleName();
        schema.addProperty(
            c.getName(),
            new ArraySchema()
                .items(
                    new ObjectSchema()
                        .description("a " + element + " in the document JSON of DocumentJson")));
      } else {
        schema.addProperty(c.getName(), new ObjectSchema());
      }
      schema.addRequiredItem(c.getName());
    }
    return schema;
  }
}
