package io.vruksha.retail.memory;

import io.vruksha.retail.catalog.CachingCatalog;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CatalogContract;
import io.vruksha.retail.pricing.CachingPriceBook;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceBookContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The caching decorators keep the behaviour of what they wrap. */
class CachingCatalogContractTest {

  @Nested
  class Catalogue extends CatalogContract {
    @Override
    protected Catalog newCatalog() {
      return new CachingCatalog(
          new InMemoryCatalog(), new CaffeineCache(1_000), Duration.ofMinutes(5));
    }
  }

  @Nested
  class Prices extends PriceBookContract {
    @Override
    protected PriceBook newBook() {
      return new CachingPriceBook(
          new InMemoryPriceBook(), new CaffeineCache(1_000), Duration.ofMinutes(5));
    }
  }
}
