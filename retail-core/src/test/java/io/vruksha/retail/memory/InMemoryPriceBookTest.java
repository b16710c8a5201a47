package io.vruksha.retail.memory;

import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceBookContract;

class InMemoryPriceBookTest extends PriceBookContract {

  @Override
  protected PriceBook newBook() {
    return new InMemoryPriceBook();
  }
}
