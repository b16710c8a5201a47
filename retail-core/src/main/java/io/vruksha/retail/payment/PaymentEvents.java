package io.vruksha.retail.payment;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.sale.Sale;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@code PaymentChanged} events of pending checkouts, appended to the outbox in the caller's
 * unit of work. Thread-safe when the outbox is.
 */
final class PaymentEvents {

  private final Outbox outbox;
  private final Clock clock;

  PaymentEvents(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A payment of {@code pc} changed now. */
  void publish(Payment p, PendingCheckout pc, String reason) {
    publish(p, pc, reason, clock.instant());
  }

  /** A payment of {@code pc} changed at {@code at}. */
  void publish(Payment p, PendingCheckout pc, String reason, Instant at) {
    outbox.append(
        EventEnvelope.of(
            event(p, pc.status(), pc.receiptNumber().orElse(""), reason), at, pc.id()));
  }

  /** A payment of a completed sale paid money back for a return. */
  void returned(Payment after, Sale sale, String reason, Instant now, String key) {
    outbox.append(
        EventEnvelope.of(
            event(after, PendingCheckout.Status.COMPLETED, sale.number(), reason), now, key));
  }

  private static DomainEvent.PaymentChanged event(
      Payment p, PendingCheckout.Status status, String receipt, String reason) {
    return new DomainEvent.PaymentChanged(
        p.store(),
        p.id(),
        p.checkoutId(),
        p.kind().name(),
        p.provider(),
        p.state().name(),
        p.amount(),
        p.refunded(),
        p.reference(),
        status.name(),
        receipt,
        reason);
  }
}
