package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.store.StoreId;
import java.util.Currency;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A bulk import's temporary tables are kept in memory ({@code temp_buffers}) where the session
 * allows it: PostgreSQL takes the setting only before a session's first temporary table.
 */
class StagingBuffersIT {

  private final PostgresConfig config = TestDatabase.fresh().config();

  /** A session of its own: pooled ones may have had temporary tables in earlier tests. */
  private Jdbi session() {
    return Jdbi.create(config.jdbcUrl(), config.user(), config.password());
  }

  @Test
  void aFreshSessionKeepsItsStagingInMemory() {
    String buffers =
        session()
            .withHandle(
                h -> {
                  assertThat(PostgresBulkImport.keepStagingInMemory(h)).isTrue();
                  return h.createQuery("SHOW temp_buffers").mapTo(String.class).one();
                });
    assertThat(buffers).isEqualTo(PostgresBulkImport.STAGING_BUFFERS);
  }

  @Test
  void anImportOnASessionThatHadATemporaryTableRunsWithTheBuffersItHad() {
    session()
        .useHandle(
            h -> {
              String before = h.createQuery("SHOW temp_buffers").mapTo(String.class).one();
              h.execute("CREATE TEMPORARY TABLE earlier (x int)");
              h.execute("INSERT INTO earlier VALUES (1)");
              assertThat(PostgresBulkImport.keepStagingInMemory(h)).isFalse();
              assertThat(h.createQuery("SHOW temp_buffers").mapTo(String.class).one())
                  .isEqualTo(before);
              // the refused SET left the session usable: an import starts on it
              new PostgresBulkImport(
                  h,
                  PostgresBulkImport.Kind.PRICES,
                  new PostgresBulkImport.Options(
                      StoreId.of("s1"), Currency.getInstance("EUR"), true, false));
              assertThat(
                      h.createQuery("SELECT count(*) FROM import_staging").mapTo(Long.class).one())
                  .isZero();
            });
  }

  @Test
  void itIsNotTriedInsideATransactionWhereARefusalWouldAbortIt() {
    session()
        .useHandle(
            h -> {
              h.begin();
              assertThatThrownBy(() -> PostgresBulkImport.keepStagingInMemory(h))
                  .isInstanceOf(IllegalStateException.class);
              assertThat(h.createQuery("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1);
              h.rollback();
            });
  }
}
