package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer bringing goods back against a receipt.
 *
 * @param idempotencyKey unique per return attempt, chosen by the till
 * @param saleId the original sale
 * @param items what comes back
 * @param refundTo where the money goes
 * @param at when (empty: now)
 * @param shiftId the register shift whose drawer pays a cash refund, if any
 */
public record ReturnRequest(
    String idempotencyKey,
    String saleId,
    List<Item> items,
    RefundTo refundTo,
    Optional<Instant> at,
    Optional<String> shiftId) {

  /** Where a refund goes. */
  public enum RefundTo {
    /** Back to the tender the sale was paid with (card, or cash from the drawer). */
    ORIGINAL,
    /** To the customer's store credit. */
    STORE_CREDIT,
    /** To a new gift card holding the refund (no customer needed). */
    GIFT_CARD
  }

  /**
   * One returned line.
   *
   * @param lineIndex the line of the original sale
   * @param quantity how many units (or kg) come back
   * @param restock true to put them back on sale, false to write them off
   */
  public record Item(int lineIndex, BigDecimal quantity, boolean restock) {
    /** Validates the quantity. */
    public Item {
      Objects.requireNonNull(quantity, "quantity");
      if (quantity.signum() <= 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a returned quantity must be above zero");
      }
    }
  }

  /** Validates the key and items. */
  public ReturnRequest {
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(refundTo, "refundTo");
    Objects.requireNonNull(at, "at");
    at = at.map(Instants::micros);
    Objects.requireNonNull(shiftId, "shiftId");
    items = List.copyOf(items);
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a return needs an idempotency key");
    }
    if (items.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a return needs at least one item");
    }
  }

  /** A return of {@code items} from sale {@code saleId}, refunded to the original tender, now. */
  public static ReturnRequest of(String idempotencyKey, String saleId, Item... items) {
    return new ReturnRequest(
        idempotencyKey,
        saleId,
        List.of(items),
        RefundTo.ORIGINAL,
        Optional.empty(),
        Optional.empty());
  }

  /** This return at {@code when}. */
  public ReturnRequest at(Instant when) {
    return new ReturnRequest(idempotencyKey, saleId, items, refundTo, Optional.of(when), shiftId);
  }

  /** This return refunded to {@code to}. */
  public ReturnRequest refundTo(RefundTo to) {
    return new ReturnRequest(idempotencyKey, saleId, items, to, at, shiftId);
  }

  /** This return paid from a register shift's drawer. */
  public ReturnRequest inShift(String shift) {
    return new ReturnRequest(idempotencyKey, saleId, items, refundTo, at, Optional.of(shift));
  }
}
