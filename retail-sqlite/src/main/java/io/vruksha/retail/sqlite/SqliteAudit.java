package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.work.Acting;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes {@code audit_log} rows as PostgreSQL's {@code audit_log} keeps them: who changed which
 * record (the actor the thread acts for, {@link Acting}, else {@code engine}), when, and the record
 * before and after as JSON documents. Called inside the unit of work of the change, so the entry
 * commits or rolls back with it.
 */
final class SqliteAudit {

  private SqliteAudit() {}

  static void record(Handle h, String entity, String id, Optional<?> before, Optional<?> after) {
    h.createUpdate(
            "INSERT INTO audit_log (entity, entity_id, changed_by, changed_at, before, after)"
                + " VALUES (:e, :id, :by, :at, :b, :a)")
        .bind("e", entity)
        .bind("id", id)
        .bind("by", Acting.orEngine())
        .bind("at", SqliteValues.micros(Instant.now()))
        .bind("b", before.map(DocumentJson::write).orElse(null))
        .bind("a", after.map(DocumentJson::write).orElse(null))
        .execute();
  }
}
