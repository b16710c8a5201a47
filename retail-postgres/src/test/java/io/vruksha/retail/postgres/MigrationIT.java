package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationIT {

  @Test
  void migratingAnUpToDateSchemaIsANoOp() {
    PostgresDatabase db = TestDatabase.fresh();
    assertThat(db.migrate()).isZero();
  }
}
