package io.vruksha.retail.memory;

import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.promotion.PromotionsContract;

class InMemoryPromotionsTest extends PromotionsContract {

  @Override
  protected Promotions newPromotions() {
    return new InMemoryPromotions();
  }
}
