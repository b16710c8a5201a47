package io.vruksha.retail.payment;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Objects;

/**
 * Port: a payment provider (a card terminal, a buy-now-pay-later service, a crypto processor). A
 * real provider is one class implementing this interface, registered for a tender kind in {@link
 * PaymentProviders}; see {@code docs/payments.md}.
 *
 * <p><b>Idempotent by key.</b> Every call carries a key: the payment's id for {@link #authorize},
 * derived keys for capture ({@code <id>:capture}), void ({@code <id>:void}) and refund (the
 * return's id). The same call with the same key must not move money twice and must answer what it
 * answered the first time (or the payment's current state): the engine repeats calls after a crash,
 * a timeout or a duplicate callback, and relies on this.
 *
 * <p><b>Threads.</b> Calls may come from any thread, also inside the engine's units of work (which
 * is safe because of the keys: a rolled-back unit of work repeats its calls with the same keys).
 * Implementations must be thread-safe. Calls should fail fast (seconds); a provider that cannot be
 * reached throws, and the payment stays as it was until the next poll.
 */
public interface PaymentProvider {

  /** The provider's name, unique in a registry: {@code sim-card}, {@code acme-bnpl}. */
  String name();

  /**
   * Whether {@link #refund} can pay money back (on-chain payments cannot: store credit instead).
   */
  boolean refunds();

  /**
   * What an authorisation asks for.
   *
   * @param key the payment's id, the idempotency key of the authorisation
   * @param store the store taking the payment
   * @param amount the amount
   * @param instrument what identifies the customer's means of payment at this provider: a test card
   *     number, a token, a phone number; never stored by the engine
   * @param description a line for the customer's statement (the store and the pending sale)
   */
  record AuthorizeRequest(
      String key, StoreId store, Money amount, String instrument, String description) {
    /** Checks for nulls. */
    public AuthorizeRequest {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Asks for the money. The answer may be final (AUTHORIZED, CAPTURED, DECLINED) or PENDING, with
   * an {@link ProviderStatus#action()} for the customer; the outcome then comes by {@link
   * #verifyCallback callback} or {@link #status poll}. Called again with the same key, it answers
   * the payment's current state.
   */
  ProviderStatus authorize(AuthorizeRequest request);

  /** Takes the authorised money; idempotent by {@code key}. */
  ProviderStatus capture(String reference, Money amount, String key);

  /** Cancels a pending or authorised payment before money moves; idempotent by {@code key}. */
  ProviderStatus voidPayment(String reference, String key);

  /**
   * Pays back {@code amount} of a captured payment (part of it too); idempotent by {@code key}. The
   * answer is CAPTURED while something is left, REFUNDED once everything went back.
   *
   * @throws io.vruksha.retail.RuleViolationException when this provider cannot refund
   */
  ProviderStatus refund(String reference, Money amount, String key);

  /** The payment's current state, asked by our key (and the provider's reference, when known). */
  ProviderStatus status(String key, String reference);

  /**
   * Reads a callback (webhook) the provider sent: checks its signature over the exact body and its
   * age against {@code now}, then says which payment it is about and what happened.
   *
   * @throws io.vruksha.retail.PermissionDeniedException (code UNAUTHENTICATED) when the signature
   *     is missing, wrong or too old; nothing is changed
   */
  ProviderStatus verifyCallback(String body, String signature, Instant now);
}
