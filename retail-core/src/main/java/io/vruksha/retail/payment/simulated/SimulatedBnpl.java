package io.vruksha.retail.payment.simulated;

import io.vruksha.retail.payment.PaymentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A buy-now-pay-later provider for demos and tests, shaped as real ones are: authorising returns
 * PENDING with a hosted approval page ({@link io.vruksha.retail.payment.Payment#action()}) where
 * the customer signs up; the outcome comes later by a signed callback (or a poll); an approved
 * payment is captured when the sale completes and can be refunded, partly too.
 *
 * <p>The customer's decision is simulated by {@link #change} (tests), or by the instrument: {@value
 * #AUTO_APPROVE} approves and {@value #AUTO_DECLINE} declines after {@link #DECISION_DELAY} (the
 * demo). Thread-safe.
 */
public final class SimulatedBnpl extends SimulatedProvider {

  /** An instrument the simulated customer approves after {@link #DECISION_DELAY}. */
  public static final String AUTO_APPROVE = "approve";

  /** An instrument the simulated customer declines after {@link #DECISION_DELAY}. */
  public static final String AUTO_DECLINE = "decline";

  /** How long the simulated customer takes to decide. */
  public static final Duration DECISION_DELAY = Duration.ofSeconds(2);

  /** A provider called {@code sim-bnpl}. */
  public SimulatedBnpl(String secret, Clock clock) {
    super("sim-bnpl", secret, clock);
  }

  @Override
  public boolean refunds() {
    return true;
  }

  @Override
  protected void start(Sim p) {
    p.action = "https://bnpl.example/approve/" + p.reference;
  }

  @Override
  protected void age(Sim p, Instant now) {
    if (p.state == PaymentState.PENDING && !now.isBefore(p.createdAt.plus(DECISION_DELAY))) {
      if (p.instrument.equals(AUTO_APPROVE)) {
        p.state = PaymentState.AUTHORIZED;
      } else if (p.instrument.equals(AUTO_DECLINE)) {
        p.state = PaymentState.DECLINED;
        p.message = "the customer was not approved";
      }
    }
  }
}
