package io.vruksha.retail.payment;

import io.vruksha.retail.money.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a provider's settlement file with our payments of that provider: the one place the
 * command line ({@code retail reconcile payments}) and any other caller take the comparison from.
 *
 * <p>Lines are matched by the provider's reference, or by our payment id (the idempotency key the
 * provider echoes) when the reference is empty. A line matches when state, amount and refunded
 * amount agree. A payment of ours the file lacks is a difference only when money moved (captured or
 * refunded): a declined or voided payment may well be absent from a settlement.
 */
public final class Settlement {

  private Settlement() {}

  /**
   * One line of a provider's settlement file.
   *
   * @param key our payment id, as the provider echoes it (may be empty)
   * @param reference the provider's reference
   * @param amount the amount of the payment
   * @param state its state at the provider
   * @param refunded what the provider paid back
   */
  public record Line(
      String key, String reference, Money amount, PaymentState state, Money refunded) {
    /** Checks for nulls. */
    public Line {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(refunded, "refunded");
    }
  }

  /**
   * One matched (or unmatched) payment.
   *
   * @param reference the provider's reference (or our id when it gave none)
   * @param ours our payment, if we have it
   * @param theirs the provider's line, if the file has it
   * @param problem what disagrees; empty when they match
   */
  public record Match(
      String reference, Optional<Payment> ours, Optional<Line> theirs, Optional<String> problem) {}

  /** Every payment of {@code ours} and every line of {@code theirs}, matched; ours first. */
  public static List<Match> match(List<Payment> ours, List<Line> theirs) {
    Map<String, Line> byReference = new LinkedHashMap<>();
    Map<String, Line> byKey = new LinkedHashMap<>();
    for (Line l : theirs) {
      if (!l.reference().isEmpty()) {
        byReference.put(l.reference(), l);
      }
      if (!l.key().isEmpty()) {
        byKey.put(l.key(), l);
      }
    }
    List<Match> out = new ArrayList<>();
    Set<Line> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Payment p : ours) {
      Line l = p.reference().isEmpty() ? null : byReference.get(p.reference());
      if (l == null) {
        l = byKey.get(p.id());
      }
      String ref = p.reference().isEmpty() ? p.id() : p.reference();
      if (l == null) {
        boolean moved = p.state() == PaymentState.CAPTURED || p.state() == PaymentState.REFUNDED;
        out.add(
            new Match(
                ref,
                Optional.of(p),
                Optional.empty(),
                moved
                    ? Optional.of(
                        "payment "
                            + p.id()
                            + " is "
                            + p.state()
                            + " for "
                            + p.amount()
                            + " here, but the provider's file does not have it")
                    : Optional.empty()));
        continue;
      }
      used.add(l);
      out.add(new Match(ref, Optional.of(p), Optional.of(l), compare(p, l)));
    }
    for (Line l : theirs) {
      if (!used.contains(l)) {
        out.add(
            new Match(
                l.reference().isEmpty() ? l.key() : l.reference(),
                Optional.empty(),
                Optional.of(l),
                Optional.of(
                    "the provider has "
                        + (l.reference().isEmpty() ? l.key() : l.reference())
                        + " "
                        + l.state()
                        + " for "
                        + l.amount()
                        + ", which matches no payment of ours")));
      }
    }
    return out;
  }

  private static Optional<String> compare(Payment p, Line l) {
    List<String> wrong = new ArrayList<>();
    if (p.state() != l.state()) {
      wrong.add("state " + p.state() + " here, " + l.state() + " at the provider");
    }
    if (!p.amount().equals(l.amount())) {
      wrong.add("amount " + p.amount() + " here, " + l.amount() + " at the provider");
    }
    if (!p.refunded().equals(l.refunded())) {
      wrong.add("refunded " + p.refunded() + " here, " + l.refunded() + " at the provider");
    }
    return wrong.isEmpty()
        ? Optional.empty()
        : Optional.of("payment " + p.id() + ": " + String.join("; ", wrong));
  }
}
