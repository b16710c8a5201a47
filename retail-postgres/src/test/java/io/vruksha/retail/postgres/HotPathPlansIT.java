package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statements a checkout and the relay send over and over, planned the way a pooled connection
 * ends up running them: as a generic plan ({@code plan_cache_mode = force_generic_plan}, which is
 * what PostgreSQL switches to after five executions of a prepared statement), on empty tables, when
 * the planner is most tempted to scan a whole table. Each must reach its rows by key, so its cost
 * does not grow with the table. A journal-head lookup cached this way once scanned the store's
 * whole journal on every sale; the batch stock move's lock once hash-joined a scan of {@code
 * stock_levels}.
 */
class HotPathPlansIT {

  static Stream<Arguments> hotStatements() {
    return Stream.of(
        Arguments.of("journal head", PostgresJournal.LOCK_HEAD, "'s1'", "journal_heads_pkey"),
        Arguments.of(
            "idempotency key",
            PostgresIdempotencyStore.FIND,
            "'s1', 'k-1'",
            "idempotency_keys_pkey"),
        Arguments.of(
            "one stock move",
            PostgresStockLedger.MOVE,
            "-1, 's1', 'floor', 'MUG', false, 'SALE', 'sale-1', '', now()",
            "stock_levels_pkey"),
        Arguments.of(
            "a sale's stock moves",
            PostgresStockLedger.MOVE_ALL,
            "'{s1,s1}', '{floor,floor}', '{COFFEE,MUG}', '{-1,-2}', '{f,f}', '{SALE,SALE}',"
                + " '{sale-1,sale-1}', '{\"\",\"\"}', '{2026-11-25T10:00:00Z,2026-11-25T10:00:00Z}'",
            "stock_levels_pkey"),
        Arguments.of("relay claim", PostgresOutbox.CLAIM_AS_SENT, "500", "outbox_pkey"),
        Arguments.of(
            "a sale's gift card SKUs",
            PostgresGiftCardBook.PRODUCTS,
            "'{COFFEE,MUG}'",
            "gift_card_products_pkey"),
        Arguments.of(
            "a gift card redemption",
            PostgresGiftCardBook.CHANGE,
            "-5.00, 's1', 'card-1', now(), 'EUR'",
            "gift_cards_pkey"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hotStatements")
  void aHotStatementReachesItsRowsByKeyInItsGenericPlan(
      String name, String sql, String args, String index) {
    PostgresDatabase db = TestDatabase.fresh();
    String plan =
        db.jdbi()
            .withHandle(
                h -> {
                  h.execute("SET plan_cache_mode = force_generic_plan");
                  h.execute("PREPARE hot AS " + positional(sql));
                  List<String> lines =
                      h.createQuery("EXPLAIN EXECUTE hot(" + args + ")").mapTo(String.class).list();
                  h.execute("DEALLOCATE hot");
                  return String.join("\n", lines);
                });
    assertThat(plan)
        .as("generic plan of the %s:%n%s", name, plan)
        .doesNotContain("Seq Scan")
        .contains("using " + index);
  }

  /**
   * Jdbi's {@code :name} parameters as PostgreSQL's {@code $n}, one number a name, and JDBC's
   * {@code ?} parameters one number each.
   */
  static String positional(String sql) {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)|\\?").matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) == null ? "?" + numbers.size() : m.group(1);
      int n = numbers.computeIfAbsent(name, k -> numbers.size() + 1);
      m.appendReplacement(out, "\\$" + n);
    }
    m.appendTail(out);
    return out.toString();
  }
}
