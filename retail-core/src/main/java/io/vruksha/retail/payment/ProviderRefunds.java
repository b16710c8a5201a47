package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.sale.TenderKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pays back a returned sale through the providers that took its money (see {@link
 * PaymentCheckout#refundForReturn}). Thread-safe when its ports and providers are.
 */
final class ProviderRefunds {

  private final Payments payments;
  private final PaymentProviders providers;
  private final StoreCredits storeCredits;
  private final PaymentEvents events;
  private final Clock clock;

  ProviderRefunds(
      Payments payments,
      PaymentProviders providers,
      StoreCredits storeCredits,
      PaymentEvents events,
      Clock clock) {
    this.payments = payments;
    this.providers = providers;
    this.storeCredits = storeCredits;
    this.events = events;
    this.clock = clock;
  }

  /** See {@link PaymentCheckout#refundForReturn}. */
  Optional<String> refund(Sale sale, Money amount, String key) {
    if (!amount.isPositive()) {
      return Optional.empty();
    }
    List<Payment> paid =
        payments.ofSale(sale.store(), sale.id()).stream()
            .filter(p -> p.refundable().isPositive())
            .sorted(Comparator.comparing(Payment::refundable).reversed())
            .toList();
    Money available =
        paid.stream().map(Payment::refundable).reduce(Money.zero(amount.currency()), Money::plus);
    if (paid.isEmpty() || available.compareTo(amount) < 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Money left = amount;
    List<String> to = new ArrayList<>();
    for (Payment p : paid) {
      if (!left.isPositive()) {
        break;
      }
      Money take = p.refundable().compareTo(left) < 0 ? p.refundable() : left;
      left = left.minus(take);
      PaymentProvider provider = providers.thatTook(p);
      Payment after;
      String reason;
      if (provider.refunds()) {
        ProviderStatus r = provider.refund(p.reference(), take, key + ":" + p.id());
        after =
            p.withRefund(
                take,
                r.state() == PaymentState.REFUNDED || p.refundable().equals(take)
                    ? PaymentState.REFUNDED
                    : PaymentState.CAPTURED,
                now);
        reason = "return " + key;
        to.add(p.kind().name());
      } else {
        String customer =
            sale.customerId()
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            ErrorCode.RETURN_INVALID,
                            p.provider()
                                + " cannot pay "
                                + p.kind()
                                + " back, and store credit needs a known customer"));
        storeCredits.change(customer, take, key);
        after =
            p.withRefund(
                take,
                p.refundable().equals(take) ? PaymentState.REFUNDED : PaymentState.CAPTURED,
                now);
        reason = "return " + key + ": " + p.provider() + " cannot refund, paid as store credit";
        to.add(TenderKind.STORE_CREDIT.name());
      }
      payments.save(after);
      events.returned(after, sale, reason, now, key);
    }
    // the tender most of the money went to (the largest payment comes first)
    return Optional.of(to.get(0));
  }
}
