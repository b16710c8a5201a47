package io.vruksha.retail.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StockQuantityFormTest {

  private static final StockKey MUG = StockKey.floor(StoreId.of("demo"), Sku.of("MUG"));

  @Test
  void aLevelReadsTheSameWhateverScaleItWasKeptIn() {
    // PostgreSQL's numeric(…,3) gives 17.000 where the in-memory ledger kept 17
    StockLevel stored = new StockLevel(MUG, new BigDecimal("17.000"), new BigDecimal("0.000"));
    StockLevel kept = new StockLevel(MUG, new BigDecimal("17"), BigDecimal.ZERO);
    assertThat(stored).isEqualTo(kept);
    assertThat(stored.onHand().toPlainString()).isEqualTo("17");
    assertThat(stored.available().toPlainString()).isEqualTo("17");
    assertThat(new StockLevel(MUG, new BigDecimal("3.210"), BigDecimal.ZERO).onHand().toString())
        .isEqualTo("3.21");
    assertThat(new StockLevel(MUG, new BigDecimal("1E+2"), BigDecimal.ZERO).onHand().toString())
        .isEqualTo("100");
  }

  @Test
  void aMovementReadsTheSameWhateverScaleItWasKeptIn() {
    Instant at = Instant.parse("2026-03-29T00:59:59.999999Z");
    StockMovement stored =
        new StockMovement(1, MUG, new BigDecimal("-4.000"), MovementReason.SALE, "s", "", at);
    StockMovement kept =
        new StockMovement(1, MUG, new BigDecimal("-4"), MovementReason.SALE, "s", "", at);
    assertThat(stored).isEqualTo(kept);
    assertThat(stored.change().toString()).isEqualTo("-4");
  }
}
