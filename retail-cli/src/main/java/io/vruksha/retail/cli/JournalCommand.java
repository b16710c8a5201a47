package io.vruksha.retail.cli;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail journal}: the tamper-evident fiscal journal. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "The fiscal journal: verify a store's hash chain.",
    subcommands = {JournalCommand.Verify.class})
final class JournalCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: verify");
  }

  /** {@code retail journal verify --store S}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Recomputes the store's journal chain (hash = SHA-256(previous hash + content)) from"
            + " fiscal_journal, and checks the journal head (journal_heads) against the last"
            + " entry. Exit 0 and 'journal of S verified: N documents' when it holds; exit 1"
            + " naming the first broken link (sequence, document number, what is wrong), then"
            + " every problem found.",
        "Example: retail journal verify --store demo"
      })
  static final class Verify implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database;

    @Option(names = "--store", required = true, description = "the store")
    String store;

    Verify(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (StoreSession s = StoreSession.open(database, env, spec.commandLine(), store)) {
        List<FiscalDocument> entries = s.engine(() -> s.engine.journal().entries(s.id()));
        List<String> problems = new ArrayList<>(FiscalJournal.verify(entries));
        head(s)
            .ifPresent(
                h -> {
                  FiscalDocument last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
                  long lastSeq = last == null ? 0 : last.sequence();
                  String lastHash = last == null ? Journal.GENESIS : last.hash();
                  if (h.sequence() != lastSeq || !h.hash().equals(lastHash)) {
                    problems.add(
                        "the journal head says the last entry is number "
                            + h.sequence()
                            + " with hash "
                            + h.hash().substring(0, 12)
                            + "..., but the last stored entry is "
                            + (last == null
                                ? "none"
                                : "number " + lastSeq + " (" + last.number() + ")")
                            + ": entries at the end were removed or altered");
                  }
                });
        if (problems.isEmpty()) {
          out.printf(
              "journal of %s verified: %d document%s%n",
              store, entries.size(), entries.size() == 1 ? "" : "s");
          return Retail.OK;
        }
        out.printf(
            "journal of %s is broken: %d document%s, %d problem%s%n",
            store,
            entries.size(),
            entries.size() == 1 ? "" : "s",
            problems.size(),
            problems.size() == 1 ? "" : "s");
        out.println("first broken link: " + problems.get(0));
        for (String p : problems) {
          out.println("  " + p);
        }
        return Retail.DISCREPANCIES;
      }
    }

    private record Head(long sequence, String hash) {}

    private static Optional<Head> head(StoreSession s) {
      return s.sql(
          h ->
              h.createQuery(
                      "SELECT last_sequence, last_hash FROM journal_heads WHERE store_id = :s")
                  .bind("s", s.id().value())
                  .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2)))
                  .findOne());
    }
  }
}
