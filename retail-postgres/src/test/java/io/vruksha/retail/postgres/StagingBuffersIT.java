package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.store.StoreId;
import java.util.Currency;
import org.jdbi.v3.core.Handle;
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

  private static String buffers(Handle h) {
    return h.createQuery("SHOW temp_buffers").mapTo(String.class).one();
  }

  private static PostgresBulkImport prices(Handle h) {
    return new PostgresBulkImport(
        h,
        PostgresBulkImport.Kind.PRICES,
        new PostgresBulkImport.Options(StoreId.of("s1"), Currency.getInstance("EUR"), true, false));
  }

  /**
   * A fresh session, its temp_buffers first set to another value than the import's, so that a
   * method that set nothing could not pass for one that worked (whatever the server's default).
   */
  private static void startSmall(Handle h) {
    h.execute("SET temp_buffers = '9MB'");
    assertThat(buffers(h)).isEqualTo("9MB");
  }

  @Test
  void aFreshSessionKeepsItsStagingInMemory() {
    session()
        .useHandle(
            h -> {
              startSmall(h);
              assertThat(PostgresBulkImport.keepStagingInMemory(h)).isTrue();
              assertThat(buffers(h)).isEqualTo(PostgresBulkImport.STAGING_BUFFERS);
            });
  }

  @Test
  void anImportOnAFreshSessionStagesInMemory() {
    session()
        .useHandle(
            h -> {
              startSmall(h);
              prices(h);
              assertThat(buffers(h)).isEqualTo(PostgresBulkImport.STAGING_BUFFERS);
            });
  }

  @Test
  void anImportOnASessionThatHadATemporaryTableRunsWithTheBuffersItHad() {
    session()
        .useHandle(
            h -> {
              startSmall(h);
              h.execute("CREATE TEMPORARY TABLE earlier (x int)");
              h.execute("INSERT INTO earlier VALUES (1)");
              assertThat(PostgresBulkImport.keepStagingInMemory(h)).isFalse();
              assertThat(buffers(h)).isEqualTo("9MB");
              // the refused SET left the session usable: an import starts on it
              prices(h);
              assertThat(
                      h.createQuery("SELECT count(*) FROM import_staging").mapTo(Long.class).one())
                  .isZero();
            });
  }

  @Test
  void aRefusalInsideATransactionLeavesTheTransactionUsable() {
    session()
        .useHandle(
            h -> {
              startSmall(h);
              h.execute("CREATE TEMPORARY TABLE earlier (x int)");
              h.execute("INSERT INTO earlier VALUES (1)");
              h.begin();
              h.execute("INSERT INTO earlier VALUES (2)");
              assertThat(PostgresBulkImport.keepStagingInMemory(h)).isFalse();
              assertThat(h.createQuery("SELECT count(*) FROM earlier").mapTo(Long.class).one())
                  .isEqualTo(2);
              h.commit();
            });
  }

  @Test
  void insideATransactionOnAFreshSessionTheSettingIsMade() {
    session()
        .useHandle(
            h -> {
              startSmall(h);
              h.begin();
              assertThat(PostgresBulkImport.keepStagingInMemory(h)).isTrue();
              assertThat(buffers(h)).isEqualTo(PostgresBulkImport.STAGING_BUFFERS);
              h.commit();
            });
  }
}
