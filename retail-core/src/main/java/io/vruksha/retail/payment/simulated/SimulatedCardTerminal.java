package io.vruksha.retail.payment.simulated;

import io.vruksha.retail.payment.PaymentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A card terminal for demos and tests that answers as payment test cards do, by card number or,
 * with no card number, by the cents of the amount:
 *
 * <table>
 *   <caption>What the simulated terminal does</caption>
 *   <tr><th>card number</th><th>or amount ending in</th><th>answer</th></tr>
 *   <tr><td>{@value #APPROVE}</td><td>anything else</td><td>approved at once</td></tr>
 *   <tr><td>{@value #DECLINE}</td><td>.91</td><td>declined ("card declined")</td></tr>
 *   <tr><td>{@value #TIME_OUT}</td><td>.92</td><td>no answer: pending, expired after {@link
 *       #TIMEOUT}</td></tr>
 *   <tr><td>{@value #APPROVE_AFTER_DELAY}</td><td>.93</td><td>pending, approved after {@link
 *       #DELAY} (callback, or the next poll)</td></tr>
 * </table>
 *
 * <p>Captures, voids and partial refunds as a card acquirer does. Thread-safe.
 */
public final class SimulatedCardTerminal extends SimulatedProvider {

  /** Approved at once. */
  public static final String APPROVE = "4242424242424242";

  /** Declined. */
  public static final String DECLINE = "4000000000000002";

  /** The terminal never answers; the payment expires. */
  public static final String TIME_OUT = "4000000000000119";

  /** Approved after {@link #DELAY}. */
  public static final String APPROVE_AFTER_DELAY = "4000000000003220";

  /** How long a delayed approval takes. */
  public static final Duration DELAY = Duration.ofSeconds(20);

  /** How long the terminal waits before a payment that got no answer expires. */
  public static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** A terminal called {@code sim-card}. */
  public SimulatedCardTerminal(String secret, Clock clock) {
    this("sim-card", secret, clock);
  }

  /** A terminal called {@code name}. */
  public SimulatedCardTerminal(String name, String secret, Clock clock) {
    super(name, secret, clock);
  }

  @Override
  public boolean refunds() {
    return true;
  }

  @Override
  protected void start(Sim p) {
    switch (behaviour(p)) {
      case DECLINE -> {
        p.state = PaymentState.DECLINED;
        p.message = "card declined";
      }
      case TIME_OUT, APPROVE_AFTER_DELAY -> p.action = "follow the terminal";
      default -> p.state = PaymentState.AUTHORIZED;
    }
  }

  @Override
  protected void age(Sim p, Instant now) {
    if (p.state != PaymentState.PENDING) {
      return;
    }
    String b = behaviour(p);
    if (b.equals(APPROVE_AFTER_DELAY) && !now.isBefore(p.createdAt.plus(DELAY))) {
      p.state = PaymentState.AUTHORIZED;
    } else if (b.equals(TIME_OUT) && !now.isBefore(p.createdAt.plus(TIMEOUT))) {
      p.state = PaymentState.EXPIRED;
      p.message = "the terminal timed out";
    }
  }

  private static String behaviour(Sim p) {
    if (!p.instrument.isBlank()) {
      return switch (p.instrument.replace(" ", "")) {
        case DECLINE -> DECLINE;
        case TIME_OUT -> TIME_OUT;
        case APPROVE_AFTER_DELAY -> APPROVE_AFTER_DELAY;
        default -> APPROVE;
      };
    }
    return switch ((int) (p.amount.minorUnits() % 100)) {
      case 91 -> DECLINE;
      case 92 -> TIME_OUT;
      case 93 -> APPROVE_AFTER_DELAY;
      default -> APPROVE;
    };
  }
}
