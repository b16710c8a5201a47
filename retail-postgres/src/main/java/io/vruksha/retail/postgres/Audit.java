package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.work.Acting;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes {@code audit_log} rows: who changed which master data, and what it was before and after.
 * Who is the transaction's {@code app.actor} when set ({@link PostgresUnitOfWork#runAs}), else the
 * actor the thread acts for ({@link io.vruksha.retail.work.Acting}: the server's token subject, the
 * command line's operator), else {@code engine}.
 */
final class Audit {

  private Audit() {}

  static void record(Handle h, String entity, String id, Optional<?> before, Optional<?> after) {
    h.createUpdate(
            "INSERT INTO audit_log (entity, entity_id, changed_by, before, after)"
                + " VALUES (:e, :id, coalesce(nullif(current_setting('app.actor', true), ''), :by),"
                + " CAST(:b AS jsonb), CAST(:a AS jsonb))")
        .bind("e", entity)
        .bind("id", id)
        .bind("by", Acting.orEngine())
        .bind("b", before.map(DocumentJson::write).orElse(null))
        .bind("a", after.map(DocumentJson::write).orElse(null))
        .execute();
  }
}
