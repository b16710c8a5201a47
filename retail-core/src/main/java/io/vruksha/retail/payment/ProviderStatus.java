package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;

/**
 * What a provider says about one payment: in answer to a call, in a poll, or in a verified
 * callback.
 *
 * @param key our idempotency key of the payment (its id), which the provider echoes
 * @param reference the provider's own reference (empty until it gave one)
 * @param state the payment's state at the provider
 * @param action what the customer must do next, if anything: a hosted approval page, a wallet
 *     address with the amount; empty otherwise
 * @param message a short explanation from the provider (decline reason), possibly empty
 */
public record ProviderStatus(
    String key, String reference, PaymentState state, String action, String message) {

  /** Checks for nulls and a key. */
  public ProviderStatus {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(message, "message");
    if (key == null || key.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a provider status must name the payment it is about");
    }
  }

  /** A status with no action and no message. */
  public static ProviderStatus of(String key, String reference, PaymentState state) {
    return new ProviderStatus(key, reference, state, "", "");
  }
}
