package io.vruksha.retail.memory;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCardContract;
import java.time.Clock;

/** The gift card contract on the in-memory adapters. */
class InMemoryGiftCardsTest extends GiftCardContract {

  @Override
  protected RetailEngine newEngine(Clock clock) {
    return RetailEngine.builder().clock(clock).build();
  }
}
