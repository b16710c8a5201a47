package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit rows the command line writes name its operator, {@code cli:<os user>}, on both import
 * paths (docs/security.md), and a customer it imports is registered by the import's store.
 */
class CommandLineActorIT {

  @TempDir Path dir;

  @Test
  void importedChangesNameTheOperatingSystemUserAndTheStoreRegistersTheCustomers()
      throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    Map<String, String> env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
    engine
        .stores()
        .save(
            new Store(
                StoreId.of("s1"),
                "Actor test store",
                Currency.getInstance("EUR"),
                ZoneId.of("Europe/Berlin"),
                CashRounding.NONE));
    Path one = Files.writeString(dir.resolve("one.csv"), "customer_id,name\nc-1,Ada\n");
    Path two = Files.writeString(dir.resolve("two.csv"), "customer_id,name\nc-2,Alan\n");
    for (List<String> args :
        List.of(
            List.of("import", "customers", "--store", "s1", one.toString(), "--quiet"),
            List.of(
                "import",
                "customers",
                "--store",
                "s1",
                two.toString(),
                "--quiet",
                "--through-ports"))) {
      StringWriter err = new StringWriter();
      int code =
          Retail.commandLine(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true))
              .execute(args.toArray(String[]::new));
      assertThat(code).as(err.toString()).isZero();
    }
    String operator = "cli:" + System.getProperty("user.name");
    assertThat(Retail.operator()).isEqualTo(operator);
    List<String> rows =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT entity_id || ' ' || changed_by || ' '"
                                + " || (after->'registeredAt'->>'value') FROM audit_log"
                                + " WHERE entity = 'customer' ORDER BY entity_id")
                        .mapTo(String.class)
                        .list());
    assertThat(rows).containsExactly("c-1 " + operator + " s1", "c-2 " + operator + " s1");
  }
}
