package io.vruksha.retail.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.Tender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events of a card's life, in the outbox with the changes that made them. */
class GiftCardEventsTest extends GiftCardContract {

  private InMemoryOutbox outbox;

  @Override
  protected RetailEngine newEngine(Clock clock) {
    outbox = new InMemoryOutbox();
    return RetailEngine.builder().clock(clock).outbox(outbox).build();
  }

  @Test
  void aCardsLifeIsPublishedWithoutItsCode() {
    List<GiftCard> cards = twoCards();
    GiftCard a = cards.get(0);
    sell(
        BasketRequest.builder(STORE).add("MUG", 1).build(),
        new Tender.GiftCard(a.code(), eur("4.99")));
    engine.giftCards().reload(STORE, a.code(), eur("10.00"), "rl", "pay-1", ANNA, "staff:anna");
    engine.giftCards().cancel(STORE, cards.get(1).id(), "cx", MAX);
    clock.advance(Duration.ofDays(4 * 365));
    engine.giftCards().expireDue(STORE);

    List<DomainEvent.GiftCardChanged> events =
        outbox.all().stream()
            .map(EventEnvelope::payload)
            .filter(DomainEvent.GiftCardChanged.class::isInstance)
            .map(DomainEvent.GiftCardChanged.class::cast)
            .toList();
    // 25.00 - 4.99 = 20.01; + 10.00 = 30.01, expired at the end
    assertThat(events)
        .extracting(
            DomainEvent.GiftCardChanged::subject,
            DomainEvent.GiftCardChanged::cardId,
            DomainEvent.GiftCardChanged::amount,
            DomainEvent.GiftCardChanged::balance)
        .containsExactly(
            tuple("retail.loyalty.giftcard.issued.v1", a.id(), eur("25.00"), eur("25.00")),
            tuple(
                "retail.loyalty.giftcard.issued.v1", cards.get(1).id(), eur("25.00"), eur("25.00")),
            tuple("retail.loyalty.giftcard.redeemed.v1", a.id(), eur("-4.99"), eur("20.01")),
            tuple("retail.loyalty.giftcard.reloaded.v1", a.id(), eur("10.00"), eur("30.01")),
            tuple(
                "retail.loyalty.giftcard.cancelled.v1",
                cards.get(1).id(),
                eur("-25.00"),
                eur("0.00")),
            tuple("retail.loyalty.giftcard.expired.v1", a.id(), eur("-30.01"), eur("0.00")));
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(a.code()));
    assertThat(events.get(0).last4()).isEqualTo(a.code().substring(12));
  }
}
