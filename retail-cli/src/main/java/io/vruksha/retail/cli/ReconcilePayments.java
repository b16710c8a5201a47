package io.vruksha.retail.cli;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.Settlement;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail reconcile payments}. */
@Command(
    name = "payments",
    mixinStandardHelpOptions = true,
    description = {
      "Matches a provider's settlement file (CSV with a header: key, reference, amount,"
          + " currency, state, refunded; key is our payment id, the provider's merchant"
          + " reference) with the store's payments of that provider (provider_payments), by the"
          + " provider's reference or else our id. A discrepancy when state, amount or refunded"
          + " differ, when the file has a payment we do not know, or when money moved here"
          + " (CAPTURED, REFUNDED) for a payment the file lacks.",
      "Example: retail reconcile payments --store demo --provider sim-bnpl settlement.csv"
    })
final class ReconcilePayments extends ReconcileCommand.Check {
  @Option(names = "--provider", required = true, description = "the provider's name")
  String provider;

  @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "the settlement CSV")
  Path file;

  ReconcilePayments(Map<String, String> env) {
    super(env);
  }

  @Override
  String name() {
    return "payments of " + provider;
  }

  @Override
  Listing check(StoreSession s) {
    List<Settlement.Line> theirs = read(file);
    List<Payment> ours =
        s.engine(
            () ->
                s.engine.payments().list(s.id()).stream()
                    .filter(p -> p.provider().equals(provider))
                    .toList());
    Listing l =
        new Listing(
            "reference",
            "payment",
            "state",
            "provider_state",
            "amount",
            "provider_amount",
            "refunded",
            "provider_refunded",
            "currency",
            "status",
            "problem");
    for (Settlement.Match m : Settlement.match(ours, theirs)) {
      String problem = m.problem().orElse(null);
      l.add(
          m.reference(),
          m.ours().map(Payment::id).orElse(""),
          m.ours().map(p -> p.state().name()).orElse(""),
          m.theirs().map(t -> t.state().name()).orElse(""),
          m.ours().map(p -> StoreSession.amount(p.amount())).orElse(""),
          m.theirs().map(t -> StoreSession.amount(t.amount())).orElse(""),
          m.ours().map(p -> StoreSession.amount(p.refunded())).orElse(""),
          m.theirs().map(t -> StoreSession.amount(t.refunded())).orElse(""),
          m.ours()
              .map(p -> p.amount().currency().getCurrencyCode())
              .or(() -> m.theirs().map(t -> t.amount().currency().getCurrencyCode()))
              .orElse(""),
          status(problem),
          problem);
    }
    return l;
  }

  private List<Settlement.Line> read(Path path) {
    List<Settlement.Line> lines = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(path);
        CSVParser csv =
            CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .get()
                .parse(in)) {
      for (CSVRecord r : csv) {
        try {
          String currency = r.get("currency");
          lines.add(
              new Settlement.Line(
                  r.isMapped("key") ? r.get("key") : "",
                  r.get("reference"),
                  Money.of(r.get("amount"), currency),
                  PaymentState.valueOf(r.get("state")),
                  Money.of(
                      r.isMapped("refunded") && !r.get("refunded").isEmpty()
                          ? r.get("refunded")
                          : "0",
                      currency)));
        } catch (RuntimeException bad) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), path + " line " + r.getRecordNumber() + ": " + bad.getMessage());
        }
      }
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "cannot read " + path + ": " + e.getMessage());
    }
    return lines;
  }
}
