package io.vruksha.retail.cli;

import io.vruksha.retail.auth.DemoStaff;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code retail demo seed}: the demo store in a database, to try the back office on. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "The demo store, to try things on.",
    subcommands = {DemoCommand.Seed.class})
final class DemoCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: seed");
  }

  /** {@code retail demo seed}. */
  @Command(
      name = "seed",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the demo store 'demo' (Berlin, EUR, German VAT, categories, a catalogue with"
            + " prices, promotions, opening stock) and its staff (admin, max, anna, with the"
            + " logins of demo mode) in the database, unless they are already there.",
        "Run 'retail db migrate' first."
      })
  static final class Seed implements Callable<Integer> {

    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    Seed(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      try (PostgresDatabase db = database.connect(env, spec.commandLine())) {
        RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
        boolean staffThere =
            engine.inStore(
                DemoStore.ID,
                () ->
                    DemoStaff.STAFF.stream()
                        .allMatch(m -> engine.workforce().staff().find(m.staffId()).isPresent()));
        if (engine.stores().find(DemoStore.ID).isPresent()) {
          if (!staffThere) {
            // seeded before the staff were: the README's logins work after this run too
            DemoStaff.add(engine);
            spec.commandLine().getOut().println("the demo store is already there; added its staff");
            return Retail.OK;
          }
          spec.commandLine().getOut().println("the demo store is already there");
          return Retail.OK;
        }
        DemoStore.seed(engine);
        // the staff of demo mode, one list (DemoStaff.STAFF), with the same logins
        DemoStaff.add(engine);
        spec.commandLine()
            .getOut()
            .println(
                "seeded store demo: "
                    + engine.catalog().items().size()
                    + " SKUs, "
                    + engine.stock().ledger().levels(DemoStore.ID).size()
                    + " stock levels, "
                    + engine.promotions().active(DemoStore.ID).size()
                    + " promotions, staff "
                    + String.join(
                        ", ",
                        DemoStaff.STAFF.stream()
                            .map(m -> m.staffId() + " (" + m.role() + ")")
                            .toList()));
        return Retail.OK;
      }
    }
  }
}
