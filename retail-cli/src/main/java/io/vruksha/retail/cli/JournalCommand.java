package io.vruksha.retail.cli;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.time.Instants;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
            + " entry, and holds every invoice and sale row (its document and its key columns)"
            + " against the journal entry of its number: total, tax, time (to the microsecond,"
            + " compared exactly), lines and tenders;"
            + " an invoice the journal has but the table lost is named too; and the chain of"
            + " every till that sold offline, as the centre holds it (till_journal), naming the"
            + " till and entry that is broken. Exit 0 and 'journal of S verified: N documents' when it holds; exit 1"
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
        problems.addAll(
            s.engine(
                () ->
                    FiscalRecords.verify(
                        entries,
                        s.engine.billing().invoices().list(s.id()),
                        s.engine.sales().list(s.id()))));
        problems.addAll(columnsAgainstDocuments(s));
        // the centre's copy of each till's own chain (tills that sold offline), verbatim
        problems.addAll(s.engine(() -> s.engine.tillSync().verify(s.id())));
        List<String> tills =
            s.engine(
                () ->
                    s.engine.tillSync().tills(s.id()).stream()
                        .map(t -> t + " " + s.engine.tillSync().ledger().entries(s.id(), t).size())
                        .toList());
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
              Locale.ROOT,
              "journal of %s verified: %d document%s%n",
              store,
              entries.size(),
              entries.size() == 1 ? "" : "s");
          if (!tills.isEmpty()) {
            out.println("till chains verified (till entries): " + String.join(", ", tills));
          }
          return Retail.OK;
        }
        out.printf(
            Locale.ROOT,
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

    /**
     * Invoice and sale rows whose key columns (read by reports and queries) no longer say what the
     * row's document says; the documents themselves are held against the journal by {@link
     * FiscalRecords}. Numbers and totals are compared by PostgreSQL as text and exact numerics; the
     * time column is read as exact epoch seconds ({@code extract(epoch ...)} is numeric) and held
     * against the document's time in Java ({@link #sameInstant}), with no double precision on the
     * way.
     */
    private static List<String> columnsAgainstDocuments(StoreSession s) {
      return s.sql(
          h ->
              h.createQuery(
                      """
                      SELECT 'invoice ' || number || ' row' AS what,
                             number <> document->>'number' AS renumbered,
                             total <> (document->'total'->>'amount')::numeric AS total_changed,
                             extract(epoch FROM issued_at) AS column_at,
                             document->>'issuedAt' AS document_at
                        FROM invoices WHERE store_id = :s
                      UNION ALL
                      SELECT 'sale ' || number || ' row',
                             number <> document->>'number',
                             total <> (document->'basket'->'total'->>'amount')::numeric,
                             extract(epoch FROM sold_at),
                             document->>'at'
                        FROM pos_transactions WHERE store_id = :s
                      ORDER BY 1
                      """)
                  .bind("s", s.id().value())
                  .map(
                      (rs, ctx) -> {
                        List<String> what = new ArrayList<>();
                        if (rs.getBoolean("renumbered")) {
                          what.add("its number");
                        }
                        if (rs.getBoolean("total_changed")) {
                          what.add("its total");
                        }
                        if (!sameInstant(
                            rs.getBigDecimal("column_at"), rs.getString("document_at"))) {
                          what.add("its time");
                        }
                        return what.isEmpty()
                            ? null
                            : rs.getString("what")
                                + " was altered: "
                                + String.join(" and ", what)
                                + " no longer match"
                                + (what.size() == 1 ? "es" : "")
                                + " its document";
                      })
                  .filter(Objects::nonNull)
                  .list());
    }

    /**
     * Whether a time column (exact epoch seconds, microseconds) holds the time of the row's
     * document: exact equality. The engine keeps every instant to the microsecond, so a document
     * and its column agree to the digit. A document written before that rule may still carry
     * nanoseconds, which PostgreSQL rounded to the nearest microsecond when it stored the column
     * (and the journal truncated): for such a document only, the column may be either microsecond
     * around it.
     */
    static boolean sameInstant(BigDecimal column, String document) {
      if (column == null || document == null) {
        return column == null && document == null;
      }
      BigDecimal doc;
      try {
        doc = new BigDecimal(document);
      } catch (NumberFormatException e) {
        try {
          doc = Instants.epochSeconds(Instant.parse(document));
        } catch (DateTimeParseException notAnInstant) {
          return false;
        }
      }
      if (column.compareTo(doc) == 0) {
        return true;
      }
      if (doc.stripTrailingZeros().scale() <= 6) {
        return false;
      }
      BigDecimal below = doc.setScale(6, RoundingMode.FLOOR);
      return column.compareTo(below) == 0
          || column.compareTo(below.add(BigDecimal.ONE.movePointLeft(6))) == 0;
    }

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
