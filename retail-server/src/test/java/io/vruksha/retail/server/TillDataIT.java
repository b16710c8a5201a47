package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.server.api.TillDataApi;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The version of a store's till data is a function of the data alone: the same on PostgreSQL as in
 * memory for the same store, and the same again after the same change on both.
 */
class TillDataIT {

  private static String version(RetailEngine engine) {
    return engine.inStore(
        DemoStore.ID,
        () -> TillDataApi.versioned(TillDataApi.tillData(engine, DemoStore.ID)).version());
  }

  private static void setMugPrice(RetailEngine engine, String price) {
    engine.useStore(
        DemoStore.ID,
        () ->
            engine
                .priceBook()
                .setPrice(
                    PriceListId.of("retail"),
                    Sku.of("MUG"),
                    UnitPrice.of(price, "EUR"),
                    Instant.now(),
                    "test"));
  }

  @Test
  void theVersionIsTheSameOnPostgresqlAsInMemoryForTheSameData() {
    RetailEngine memory = DemoStore.inMemory();
    RetailEngine postgres =
        PostgresAdapters.use(TestDatabase.fresh(), DemoStore.engineBuilder()).build();
    DemoStore.seed(postgres);

    String before = version(memory);
    assertThat(version(postgres)).isEqualTo(before);

    setMugPrice(memory, "5.49");
    setMugPrice(postgres, "5.49");
    assertThat(version(memory)).isNotEqualTo(before);
    assertThat(version(postgres)).isEqualTo(version(memory));
  }
}
