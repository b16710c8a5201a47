package io.vruksha.retail.server;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.payment.PaymentProviders;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.payment.simulated.SimulatedCardTerminal;
import io.vruksha.retail.payment.simulated.SimulatedCrypto;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's payment providers and the re-check of pending payments.
 *
 * <p><b>Providers.</b> {@code ENABLE_BNPL} and {@code ENABLE_CRYPTO_PAYMENTS} let a store take
 * those tenders; {@code PAYMENT_SIMULATORS} (on in demo mode, off with a database) registers the
 * simulated card terminal, BNPL and crypto providers for them, signing their callbacks with {@code
 * PAYMENT_CALLBACK_SECRET}. A real provider is one class registered in the engine's {@link
 * PaymentProviders} by the program that embeds the server (docs/payments.md).
 *
 * <p><b>Re-check.</b> On start, every store's checkouts still waiting for payment are re-checked
 * with their providers — a payment approved while the process was down, or between the provider's
 * approval and our commit, completes its sale — and then every few seconds, so missed callbacks are
 * polled and expired checkouts released. Several servers may run it at once: each checkout is
 * locked by the step. Closed with the server.
 */
public final class PendingPayments implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PendingPayments.class);

  /** The simulators' callback secret in demo mode, when PAYMENT_CALLBACK_SECRET is not set. */
  public static final String DEMO_CALLBACK_SECRET = "demo-payment-callback-secret";

  /** How many confirmations the simulated crypto provider waits for. */
  public static final int CRYPTO_CONFIRMATIONS = 3;

  private final ScheduledExecutorService timer;

  private PendingPayments(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Registers the providers {@code env} asks for in {@code engine}'s registry.
   *
   * @throws InvalidInputException naming the variable when a flag is not a flag, or the simulators
   *     run with a database and no callback secret of 16 characters or more
   */
  public static void register(RetailEngine engine, Map<String, String> env, boolean demo) {
    boolean bnpl = Reaction.flagValue(env, "ENABLE_BNPL");
    boolean crypto = Reaction.flagValue(env, "ENABLE_CRYPTO_PAYMENTS");
    String sims = env.get("PAYMENT_SIMULATORS");
    boolean simulators =
        sims == null || sims.isBlank() ? demo : Reaction.flagValue(env, "PAYMENT_SIMULATORS");
    if (!simulators) {
      return;
    }
    String secret = env.get("PAYMENT_CALLBACK_SECRET");
    if (secret == null || secret.isBlank()) {
      if (!demo) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "PAYMENT_CALLBACK_SECRET is required with PAYMENT_SIMULATORS=true and a database"
                + " (at least 16 characters)");
      }
      secret = DEMO_CALLBACK_SECRET;
    }
    if (secret.length() < 16) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "PAYMENT_CALLBACK_SECRET must be at least 16 characters long");
    }
    PaymentProviders providers = engine.payments().providers();
    Clock clock = Clock.systemUTC();
    providers.register(TenderKind.CARD, new SimulatedCardTerminal(secret, clock));
    if (bnpl) {
      providers.register(TenderKind.BNPL, new SimulatedBnpl(secret, clock));
    }
    if (crypto) {
      providers.register(
          TenderKind.CRYPTO, new SimulatedCrypto(secret, clock, CRYPTO_CONFIRMATIONS));
    }
    if (!demo) {
      LOG.warn(
          "PAYMENT_SIMULATORS is on: card{}{} payments are taken by simulated providers",
          bnpl ? ", BNPL" : "",
          crypto ? ", crypto" : "");
    }
  }

  /** Re-checks every store's pending checkouts now, then every {@code seconds}. */
  public static PendingPayments start(RetailEngine engine, long seconds) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vruksha-pending-payments");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(() -> recheck(engine), 0, seconds, TimeUnit.SECONDS);
    return new PendingPayments(timer);
  }

  /** Re-checks every store's pending checkouts once; returns how many closed (completed or not). */
  public static int recheck(RetailEngine engine) {
    int closed = 0;
    for (Store store : engine.stores().all()) {
      try {
        List<PendingCheckout> now =
            EngineHost.unitOfWork(engine)
                .within(Set.of(store.id()), () -> engine.payments().recheck(store.id()));
        long done = now.stream().filter(c -> !c.status().open()).count();
        if (done > 0) {
          LOG.info("{} pending checkouts of {} completed or released", done, store.id());
        }
        closed += (int) done;
      } catch (RuntimeException e) {
        LOG.warn("pending payments of {} waiting: {}", store.id(), e.getMessage());
      }
    }
    return closed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
