package io.vruksha.retail.payment.simulated;

import io.vruksha.retail.payment.PaymentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A crypto payment processor for demos and tests, shaped as real ones are: authorising returns
 * PENDING with a payment request (an address and the amount) in {@link
 * io.vruksha.retail.payment.Payment#action()}; the customer's transaction is seen on chain and the
 * payment is CAPTURED (final) once it has {@link #confirmationsNeeded()} confirmations, each
 * reported by a signed callback. On-chain payments cannot be refunded by the provider: returns go
 * to store credit.
 *
 * <p>Confirmations are simulated by {@link #confirm} (tests) or, for the instrument {@value
 * #AUTO_PAY}, one every {@link #BLOCK_TIME} (the demo). Thread-safe.
 */
public final class SimulatedCrypto extends SimulatedProvider {

  /** An instrument whose simulated customer pays at once, confirmed one block at a time. */
  public static final String AUTO_PAY = "auto";

  /** How often the simulated chain confirms a block. */
  public static final Duration BLOCK_TIME = Duration.ofSeconds(2);

  private final int needed;

  /** A processor called {@code sim-crypto} that needs {@code confirmations} confirmations. */
  public SimulatedCrypto(String secret, Clock clock, int confirmations) {
    super("sim-crypto", secret, clock);
    if (confirmations < 1) {
      throw new IllegalArgumentException("a crypto payment needs at least one confirmation");
    }
    this.needed = confirmations;
  }

  /** How many confirmations make a payment final. */
  public int confirmationsNeeded() {
    return needed;
  }

  @Override
  public boolean refunds() {
    return false;
  }

  @Override
  protected void start(Sim p) {
    p.action =
        "crypto:sim1q"
            + Integer.toHexString(p.key.hashCode())
            + "?amount="
            + p.amount.amount().toPlainString()
            + "&currency="
            + p.amount.currency().getCurrencyCode();
  }

  @Override
  protected void age(Sim p, Instant now) {
    if (p.state == PaymentState.PENDING && p.instrument.equals(AUTO_PAY)) {
      long blocks = Duration.between(p.createdAt, now).dividedBy(BLOCK_TIME);
      seen(p, (int) Math.min(blocks, needed));
    }
  }

  /**
   * The chain now shows {@code confirmations} for the payment; returns the signed callback (also
   * sent to the listeners).
   */
  public Callback confirm(String key, int confirmations) {
    PaymentState next = confirmations >= needed ? PaymentState.CAPTURED : PaymentState.PENDING;
    return change(key, next, confirmations + " of " + needed + " confirmations");
  }

  private void seen(Sim p, int confirmations) {
    if (confirmations > p.confirmations) {
      p.confirmations = confirmations;
      p.message = confirmations + " of " + needed + " confirmations";
      if (confirmations >= needed) {
        p.state = PaymentState.CAPTURED;
      }
    }
  }
}
