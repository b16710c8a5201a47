package io.vruksha.retail.order;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer ordering for later collection.
 *
 * @param orderId the order's id, chosen by the channel (the web shop's order number); placing the
 *     same id again with the same lines returns the first order
 * @param store the store that fulfils it
 * @param channel kiosk, web or phone
 * @param customerId the customer, if known
 * @param contact an e-mail address or phone number to tell them it is ready
 * @param lines the quantity per SKU, in the order given
 * @param prepayment the payment taken when ordering (it must pay the whole total), if any
 * @param holdFor how long the stock stays reserved
 */
public record PlaceOrder(
    String orderId,
    StoreId store,
    Order.Channel channel,
    Optional<String> customerId,
    String contact,
    Map<Sku, BigDecimal> lines,
    Optional<Order.Prepayment> prepayment,
    Duration holdFor) {

  /** Orders hold their stock two days unless told otherwise. */
  public static final Duration DEFAULT_HOLD = Duration.ofHours(48);

  /** Validates the id, lines and hold. */
  public PlaceOrder {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(prepayment, "prepayment");
    Objects.requireNonNull(holdFor, "holdFor");
    if (orderId == null || !orderId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "an order id is 1 to 64 letters, digits, '.', '_', ':' or '-', was " + orderId);
    }
    if (contact == null || contact.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "an order needs a contact (an e-mail address or phone number)");
    }
    if (lines == null || lines.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "an order needs at least one line");
    }
    lines.forEach(
        (sku, q) -> {
          if (q == null || q.signum() <= 0) {
            throw new InvalidInputException(
                ErrorCode.VALIDATION, "the quantity of " + sku + " must be above zero");
          }
        });
    lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    if (holdFor.isNegative() || holdFor.isZero() || holdFor.compareTo(Duration.ofDays(30)) > 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "an order holds its stock for up to 30 days, asked " + holdFor);
    }
  }
}
