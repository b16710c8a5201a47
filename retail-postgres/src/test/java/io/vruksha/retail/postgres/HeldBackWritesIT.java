package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unit of work's held-back writes ({@link PostgresUnitOfWork#defer}): sent together, read by
 * the transaction that wrote them, failing it as a direct write would, and never two upserts of one
 * row in one statement.
 */
class HeldBackWritesIT {

  private static final String KEY =
      "INSERT INTO idempotency_keys (store_id, key, request_hash, result_id) VALUES (?, ?, ?, ?)";
  private static final String HEAD =
      "INSERT INTO journal_heads VALUES (?, ?, ?) ON CONFLICT (store_id)"
          + " DO UPDATE SET last_sequence = EXCLUDED.last_sequence, last_hash = EXCLUDED.last_hash";

  private PostgresDatabase db;
  private PostgresUnitOfWork work;
  private final List<String> statements = new ArrayList<>();

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh();
    work = db.unitOfWork();
    db.jdbi()
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logAfterExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
              }
            });
  }

  @AfterEach
  void tearDown() {
    db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
  }

  private static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  private int count(String sql) {
    return work.with(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  @Test
  void writesHeldBackGoTogetherInOneStatementAtCommit() {
    work.run(
        () -> {
          for (int i = 0; i < 5; i++) {
            work.defer(KEY, "s1", "key-" + i, "hash", "sale-" + i);
          }
          work.defer(HEAD, "s1", 7L, hash('a'));
          return null;
        });
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0)).startsWith("WITH w0 AS (INSERT INTO idempotency_keys");
    assertThat(count("SELECT count(*) FROM idempotency_keys WHERE store_id = 's1'")).isEqualTo(5);
    assertThat(count("SELECT last_sequence::int FROM journal_heads WHERE store_id = 's1'"))
        .isEqualTo(7);
  }

  @Test
  void theTransactionReadsWhatItHeldBackButAStatementOnOtherTablesLeavesThemHeld() {
    work.run(
        () -> {
          work.defer(KEY, "s1", "k", "hash", "sale-1");
          // a statement naming other tables does not send them
          work.withTables(
              Set.of("document_counters"),
              h ->
                  h.createQuery("SELECT count(*) FROM document_counters")
                      .mapTo(Integer.class)
                      .one());
          assertThat(statements).hasSize(1);
          // one that may read them does, first
          String result =
              work.withTables(
                  Set.of("idempotency_keys"),
                  h ->
                      h.createQuery("SELECT result_id FROM idempotency_keys WHERE key = 'k'")
                          .mapTo(String.class)
                          .one());
          assertThat(result).isEqualTo("sale-1");
          assertThat(count("SELECT count(*) FROM idempotency_keys")).isEqualTo(1);
          return null;
        });
    assertThat(statements)
        .hasSize(4); // counters, the held-back insert, two reads; nothing at commit
  }

  @Test
  void aFailingHeldBackWriteFailsTheUnitOfWorkAndKeepsNothingOfIt() {
    work.run(
        () -> {
          work.defer(KEY, "s1", "taken", "hash", "sale-1");
          return null;
        });
    assertThatThrownBy(
            () ->
                work.run(
                    () -> {
                      work.defer(HEAD, "s1", 3L, hash('b'));
                      work.defer(KEY, "s1", "taken", "other", "sale-2");
                      return null;
                    }))
        .isInstanceOf(RuleViolationException.class)
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE);
    assertThat(count("SELECT count(*) FROM journal_heads")).isZero();
    assertThat(count("SELECT count(*) FROM idempotency_keys")).isEqualTo(1);
  }

  @Test
  void twoUpsertsOfOneRowAreSentApartSoTheLaterOneStands() {
    work.run(
        () -> {
          work.defer(HEAD, "s1", 1L, hash('a'));
          work.defer(KEY, "s1", "k1", "hash", "sale-1");
          work.defer(HEAD, "s1", 2L, hash('b'));
          return null;
        });
    assertThat(statements).hasSize(2);
    String head =
        work.with(
            h ->
                h.createQuery("SELECT last_sequence || last_hash FROM journal_heads")
                    .mapTo(String.class)
                    .one());
    assertThat(head).isEqualTo("2" + hash('b'));
  }

  @Test
  void rowsOfOneStatementGoAsOneMultiRowInsertSplitWithinTheParameterLimit() {
    int rowsAStatement = PostgresUnitOfWork.MAX_PARAMETERS_A_STATEMENT / 4;
    int n = rowsAStatement * 2 + 5;
    work.run(
        () -> {
          for (int i = 0; i < n; i++) {
            work.defer(KEY, "s1", "key-" + i, "hash", "sale-" + i);
          }
          return null;
        });
    assertThat(statements).hasSize(3);
    assertThat(count("SELECT count(*) FROM idempotency_keys")).isEqualTo(n);
  }

  @Test
  void aTablesSerialNumbersFollowTheOrderItsRowsWereHeldBackIn() {
    String outbox =
        "INSERT INTO outbox (event_count, events) VALUES (1, jsonb_build_array("
            + "jsonb_build_object('id', CAST(? AS text), 'subject', CAST(? AS text))))";
    work.run(
        () -> {
          for (int i = 0; i < 40; i++) {
            work.defer(outbox, UUID.randomUUID().toString(), "subject." + i);
            work.defer(KEY, "s1", "key-" + i, "hash", "sale-" + i); // another table in between
          }
          return null;
        });
    assertThat(statements).hasSize(1);
    List<String> subjects =
        work.with(
            h ->
                h.createQuery("SELECT events->0->>'subject' FROM outbox ORDER BY position")
                    .mapTo(String.class)
                    .list());
    assertThat(subjects)
        .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "subject." + i).toList());
  }

  @Test
  void outsideAUnitOfWorkAWriteRunsAtOnce() {
    work.defer(KEY, "s1", "now", "hash", "sale-1");
    assertThat(statements).hasSize(1);
    assertThat(count("SELECT count(*) FROM idempotency_keys")).isEqualTo(1);
  }

  @Test
  void onlyInsertsCanBeHeldBack() {
    assertThatThrownBy(() -> work.defer("DELETE FROM outbox"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
