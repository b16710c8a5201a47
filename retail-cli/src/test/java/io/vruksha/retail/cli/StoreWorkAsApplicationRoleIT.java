package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.postgres.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through split as docs/security.md sets it up: the owner migrates and seeds the
 * demo store; the store work (imports, the report, the reconciliation, the journal) runs as a login
 * role in vruksha_app, under row-level security, and gives the same answers.
 */
class StoreWorkAsApplicationRoleIT {

  @Test
  void importsReportsAndChecksRunAsTheApplicationRole() {
    Map<String, String> owner = CliRun.env(TestDatabase.fresh());
    assertThat(CliRun.run(owner, "db", "migrate").code()).isZero();
    assertThat(CliRun.run(owner, "demo", "seed").code()).isZero();
    Map<String, String> app = new HashMap<>(owner);
    app.put("DB_USER", TestDatabase.appConfig().user());
    app.put("DB_PASSWORD", "");
    for (List<String> command :
        List.of(
            List.of("import", "products", "--store", "demo", "../examples/data/products.csv"),
            List.of("import", "prices", "--store", "demo", "../examples/data/prices.csv"),
            List.of("import", "stock", "--store", "demo", "../examples/data/stock.csv"),
            List.of(
                "import",
                "sales",
                "--store",
                "demo",
                "../examples/data/sales-history.csv",
                "--delimiter=;",
                "--map-file",
                "../examples/data/other-pos.map"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--quiet");
      CliRun run = CliRun.run(app, args.toArray(String[]::new));
      assertThat(run.code()).as(command + " -> " + run).isZero();
    }
    CliRun report =
        CliRun.run(
            app,
            "report",
            "daily-sales",
            "--store",
            "demo",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-03");
    assertThat(report.code()).as(report.toString()).isZero();
    assertThat(report.out()).contains("2026-11-02").contains("36.46").contains("19.99");
    CliRun reconcile = CliRun.run(app, "reconcile", "stock", "--store", "demo");
    assertThat(reconcile.code()).as(reconcile.toString()).isZero();
    CliRun verify = CliRun.run(app, "journal", "verify", "--store", "demo");
    assertThat(verify.code()).as(verify.toString()).isZero();
  }
}
