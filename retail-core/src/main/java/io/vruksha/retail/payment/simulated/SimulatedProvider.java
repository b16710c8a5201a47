package io.vruksha.retail.payment.simulated;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.notification.WebhookSignature;
import io.vruksha.retail.payment.PaymentProvider;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.ProviderStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the simulated providers share: payments kept in memory by our key, idempotent capture, void
 * and refund, and callbacks signed as real providers sign them ({@link WebhookSignature}: {@code
 * t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">}) with a form-encoded body {@code
 * key=...&reference=...&state=...&action=...&message=...}. For demos and tests; thread-safe (one
 * monitor).
 */
public abstract class SimulatedProvider implements PaymentProvider {

  /** How old a callback may be. */
  public static final Duration CALLBACK_TOLERANCE = Duration.ofMinutes(5);

  /**
   * A callback as the provider sends it: the exact body and its signature header value.
   *
   * @param body the form-encoded body
   * @param signature the {@link WebhookSignature#HEADER} value
   */
  public record Callback(String body, String signature) {}

  /** One payment as the simulated provider holds it. */
  protected static final class Sim {
    final String key;
    final String reference;
    final Money amount;
    final String instrument;
    final Instant createdAt;
    PaymentState state;
    String action = "";
    String message = "";
    Money refunded;
    int confirmations;

    Sim(String key, String reference, Money amount, String instrument, Instant createdAt) {
      this.key = key;
      this.reference = reference;
      this.amount = amount;
      this.instrument = instrument;
      this.createdAt = createdAt;
      this.state = PaymentState.PENDING;
      this.refunded = Money.zero(amount.currency());
    }

    ProviderStatus status() {
      return new ProviderStatus(key, reference, state, action, message);
    }
  }

  private final String name;
  private final String secret;

  /** The provider's clock (delays, expiry, callback timestamps). */
  protected final Clock clock;

  private final Map<String, Sim> byKey = new LinkedHashMap<>();
  private final Map<String, Sim> byReference = new HashMap<>();
  private final Map<String, Money> refunds = new HashMap<>();
  private final List<Consumer<Callback>> listeners = new ArrayList<>();
  private int captures;

  /**
   * A simulated provider called {@code name}, signing its callbacks with {@code secret} (16
   * characters or more).
   */
  protected SimulatedProvider(String name, String secret, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    WebhookSignature.sign(secret, Instant.EPOCH, ""); // refuses a short secret now, not later
  }

  @Override
  public final String name() {
    return name;
  }

  /** Where every callback goes (the server posts it to itself, a test hands it to the engine). */
  public synchronized void onCallback(Consumer<Callback> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** How the provider answers a new payment: sets its state, action and message. */
  protected abstract void start(Sim payment);

  /** Lets time act on a payment (a delayed approval, an expiry, confirmations); default nothing. */
  protected void age(Sim payment, Instant now) {}

  @Override
  public final ProviderStatus authorize(AuthorizeRequest request) {
    List<Callback> out = new ArrayList<>();
    ProviderStatus s;
    synchronized (this) {
      Sim sim = byKey.get(request.key());
      if (sim == null) {
        sim =
            new Sim(
                request.key(),
                reference(byKey.size() + 1),
                request.amount(),
                request.instrument(),
                clock.instant());
        byKey.put(sim.key, sim);
        byReference.put(sim.reference, sim);
        start(sim);
      }
      s = aged(sim, out);
    }
    send(out);
    return s;
  }

  @Override
  public final ProviderStatus capture(String reference, Money amount, String key) {
    synchronized (this) {
      Sim sim = known(reference);
      age(sim, clock.instant());
      if (sim.state == PaymentState.AUTHORIZED) {
        sim.state = PaymentState.CAPTURED;
        captures++;
      }
      return sim.status();
    }
  }

  @Override
  public final ProviderStatus voidPayment(String reference, String key) {
    synchronized (this) {
      Sim sim =
          reference.isEmpty()
              ? byKey.get(key.replaceFirst(":(void|cancel)$", ""))
              : known(reference);
      if (sim == null) {
        throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + key);
      }
      age(sim, clock.instant());
      if (sim.state == PaymentState.PENDING || sim.state == PaymentState.AUTHORIZED) {
        sim.state = PaymentState.VOIDED;
      }
      return sim.status();
    }
  }

  @Override
  public final ProviderStatus refund(String reference, Money amount, String key) {
    if (!refunds()) {
      throw new RuleViolationException(
          ErrorCode.PAYMENT_STATE, name + " cannot pay money back: use store credit");
    }
    synchronized (this) {
      Sim sim = known(reference);
      if (!refunds.containsKey(key)) {
        if (sim.state != PaymentState.CAPTURED
            || sim.amount.minus(sim.refunded).compareTo(amount) < 0) {
          throw new RuleViolationException(
              ErrorCode.PAYMENT_STATE,
              name + " cannot refund " + amount + " of " + reference + " (" + sim.state + ")");
        }
        refunds.put(key, amount);
        sim.refunded = sim.refunded.plus(amount);
        if (sim.refunded.equals(sim.amount)) {
          sim.state = PaymentState.REFUNDED;
        }
      }
      return sim.status();
    }
  }

  @Override
  public final ProviderStatus status(String key, String reference) {
    List<Callback> out = new ArrayList<>();
    ProviderStatus s;
    synchronized (this) {
      Sim sim = byKey.get(key);
      if (sim == null) {
        throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + key);
      }
      s = aged(sim, out);
    }
    send(out);
    return s;
  }

  @Override
  public final ProviderStatus verifyCallback(String body, String signature, Instant now) {
    if (!WebhookSignature.verify(secret, signature, body, now, CALLBACK_TOLERANCE)) {
      throw new PermissionDeniedException(
          ErrorCode.UNAUTHENTICATED,
          "the callback's " + WebhookSignature.HEADER + " does not verify for provider " + name);
    }
    Map<String, String> f = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        f.put(decode(kv[0]), decode(kv[1]));
      }
    }
    return new ProviderStatus(
        f.getOrDefault("key", ""),
        f.getOrDefault("reference", ""),
        PaymentState.valueOf(f.getOrDefault("state", "PENDING")),
        f.getOrDefault("action", ""),
        f.getOrDefault("message", ""));
  }

  /**
   * Lets time act on every payment (delayed approvals, expiries, confirmations) and sends the
   * callbacks of the ones that changed; the server's demo mode calls it every few seconds.
   */
  public void tick() {
    List<Callback> out = new ArrayList<>();
    synchronized (this) {
      for (Sim sim : byKey.values()) {
        aged(sim, out);
      }
    }
    send(out);
  }

  /**
   * Sets a payment's state at the provider as if it happened there now (the customer approved, the
   * bank declined) and returns the signed callback, which is also sent to the listeners.
   */
  public Callback change(String key, PaymentState state, String message) {
    Callback c;
    synchronized (this) {
      Sim sim = byKey.get(key);
      if (sim == null) {
        throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + key);
      }
      sim.state = state;
      sim.message = message;
      c = callback(sim);
    }
    send(List.of(c));
    return c;
  }

  /** A signed callback reporting {@code state} for the payment, without changing it here. */
  public synchronized Callback callbackSaying(String key, PaymentState state) {
    Sim sim = byKey.get(key);
    if (sim == null) {
      throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + key);
    }
    Sim copy = new Sim(sim.key, sim.reference, sim.amount, sim.instrument, sim.createdAt);
    copy.state = state;
    copy.action = sim.action;
    return callback(copy);
  }

  /** The payment's state here, by our key. */
  public synchronized PaymentState stateOf(String key) {
    Sim sim = byKey.get(key);
    if (sim == null) {
      throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + key);
    }
    return sim.state;
  }

  /** What was paid back of the payment, by our key. */
  public synchronized Money refundedOf(String key) {
    return byKey.get(key).refunded;
  }

  /** How many captures moved money (a repeated capture is not counted twice). */
  public synchronized int captures() {
    return captures;
  }

  /** Every payment's state, for a settlement file: key, reference, amount, state, refunded. */
  public synchronized List<String[]> settlement() {
    List<String[]> rows = new ArrayList<>();
    for (Sim s : byKey.values()) {
      rows.add(
          new String[] {
            s.key,
            s.reference,
            s.amount.amount().toPlainString(),
            s.amount.currency().getCurrencyCode(),
            s.state.name(),
            s.refunded.amount().toPlainString()
          });
    }
    return rows;
  }

  /** The callback of a payment as it now stands. */
  protected final Callback callback(Sim sim) {
    String body =
        "key="
            + encode(sim.key)
            + "&reference="
            + encode(sim.reference)
            + "&state="
            + sim.state
            + "&action="
            + encode(sim.action)
            + "&message="
            + encode(sim.message);
    return new Callback(body, WebhookSignature.sign(secret, clock.instant(), body));
  }

  private ProviderStatus aged(Sim sim, List<Callback> out) {
    PaymentState before = sim.state;
    int confirmations = sim.confirmations;
    age(sim, clock.instant());
    if (sim.state != before || sim.confirmations != confirmations) {
      out.add(callback(sim));
    }
    return sim.status();
  }

  private void send(List<Callback> callbacks) {
    List<Consumer<Callback>> to;
    synchronized (this) {
      to = List.copyOf(listeners);
    }
    for (Callback c : callbacks) {
      for (Consumer<Callback> l : to) {
        try {
          l.accept(c);
        } catch (RuntimeException e) {
          // a receiver that fails is the receiver's problem: real providers retry, polls recover
        }
      }
    }
  }

  private Sim known(String reference) {
    Sim sim = byReference.get(reference);
    if (sim == null) {
      throw new NotFoundException(ErrorCode.NOT_FOUND, name + " knows no payment " + reference);
    }
    return sim;
  }

  private String reference(int n) {
    return name + "_" + String.format(Locale.ROOT, "%06d", n);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
