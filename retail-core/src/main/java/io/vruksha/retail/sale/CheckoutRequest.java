package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.pricing.BasketRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A till pressing "pay": the basket, the tenders, and the idempotency key the till generated for
 * this sale. A retry with the same key returns the original sale.
 *
 * @param idempotencyKey unique per sale attempt, chosen by the till
 * @param basket the basket
 * @param tenders how it is paid, at least one
 * @param shiftId the register shift the sale belongs to, if the store uses registers
 */
public record CheckoutRequest(
    String idempotencyKey, BasketRequest basket, List<Tender> tenders, Optional<String> shiftId) {

  /** Validates the key and tenders. */
  public CheckoutRequest {
    Objects.requireNonNull(basket, "basket");
    Objects.requireNonNull(shiftId, "shiftId");
    tenders = List.copyOf(tenders);
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a checkout needs an idempotency key of 1 to 128 characters");
    }
    if (tenders.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a checkout needs at least one tender");
    }
  }

  /** A checkout outside any register shift. */
  public static CheckoutRequest of(String idempotencyKey, BasketRequest basket, Tender... tenders) {
    return new CheckoutRequest(idempotencyKey, basket, List.of(tenders), Optional.empty());
  }

  /**
   * A hash of everything the request asks for, so a retry under the same key can be told from a
   * different request reusing it.
   */
  public String fingerprint() {
    return RequestFingerprint.hash(RequestFingerprint.canonical(this));
  }

  /** This checkout attributed to a register shift. */
  public CheckoutRequest inShift(String shift) {
    return new CheckoutRequest(idempotencyKey, basket, tenders, Optional.of(shift));
  }
}
