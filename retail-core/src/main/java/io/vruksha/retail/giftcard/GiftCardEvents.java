package io.vruksha.retail.giftcard;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import java.time.Instant;

/**
 * The {@code retail.loyalty.giftcard.<action>.v1} events, appended to the outbox in the caller's
 * unit of work. Thread-safe when the outbox is.
 */
final class GiftCardEvents {

  private final Outbox outbox;

  GiftCardEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** The card's balance changed by {@code amount} ({@code action}: ISSUED, REDEEMED, ...). */
  void publish(GiftCard card, String action, Money amount, String reference, Instant at) {
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.GiftCardChanged(
                card.store(), card.id(), card.last4(), action, amount, card.balance(), reference),
            at,
            reference));
  }
}
