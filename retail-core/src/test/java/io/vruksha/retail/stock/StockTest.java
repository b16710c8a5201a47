package io.vruksha.retail.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class StockTest {

  private final RetailEngine engine = DemoStore.inMemory();
  private final StockKey floor = StockKey.floor(DemoStore.ID, Sku.of("MUG"));

  @Test
  void aTransferMovesBothSidesOrNeither() {
    StockKey other = StockKey.floor(StoreId.of("munich"), Sku.of("MUG"));
    engine.stock().transfer(floor, other, new BigDecimal("20"), "t-1");
    assertThat(engine.stock().ledger().level(floor).onHand()).isEqualByComparingTo("30");
    assertThat(engine.stock().ledger().level(other).onHand()).isEqualByComparingTo("20");
    assertThatThrownBy(() -> engine.stock().transfer(floor, other, new BigDecimal("31"), "t-2"))
        .hasMessageContaining("30 available");
    assertThat(engine.stock().ledger().level(other).onHand()).isEqualByComparingTo("20");
  }

  @Test
  void aCountBooksTheVarianceAndAnAdjustmentKeepsItsReason() {
    // 50 on the shelf by the ledger, 47 counted: variance -3
    assertThat(
            engine
                .stock()
                .count(
                    DemoStore.ID,
                    LocationId.FLOOR,
                    Map.of(Sku.of("MUG"), new BigDecimal("47")),
                    "count-7"))
        .containsEntry(Sku.of("MUG"), new BigDecimal("-3"));
    engine.stock().adjust(floor, new BigDecimal("-2"), "broken in the back room");
    assertThat(engine.stock().ledger().level(floor).onHand()).isEqualByComparingTo("45");
    assertThat(engine.stock().ledger().movements(floor))
        .extracting(StockMovement::reason, StockMovement::note)
        .endsWith(
            Tuple.tuple(MovementReason.COUNT, "cycle count"),
            Tuple.tuple(MovementReason.ADJUSTMENT, "broken in the back room"));
    assertThatThrownBy(() -> engine.stock().adjust(floor, BigDecimal.ONE, " "))
        .hasMessageContaining("needs a reason");
  }

  @Test
  void stockBookedByHandMustBeForASkuTheCatalogueKnows() {
    StockKey unknown = StockKey.floor(DemoStore.ID, Sku.of("NOT-LISTED"));
    StockKey elsewhere = new StockKey(DemoStore.ID, LocationId.of("back"), Sku.of("NOT-LISTED"));
    assertUnknownSku(() -> engine.stock().receive(unknown, BigDecimal.ONE, "po-1"));
    assertUnknownSku(() -> engine.stock().adjust(unknown, BigDecimal.ONE, "found"));
    assertUnknownSku(() -> engine.stock().transfer(unknown, elsewhere, BigDecimal.ONE, "t-1"));
    assertUnknownSku(
        () ->
            engine
                .stock()
                .count(
                    DemoStore.ID,
                    LocationId.FLOOR,
                    Map.of(Sku.of("NOT-LISTED"), BigDecimal.ONE),
                    "c-1"));
    assertThat(engine.stock().ledger().movements(unknown)).isEmpty();
  }

  @Test
  void aCountSheetWithOneUnknownSkuBooksNothing() {
    Map<Sku, BigDecimal> sheet = new TreeMap<>();
    sheet.put(Sku.of("MUG"), new BigDecimal("47"));
    sheet.put(Sku.of("NOT-LISTED"), new BigDecimal("3"));
    assertUnknownSku(() -> engine.stock().count(DemoStore.ID, LocationId.FLOOR, sheet, "c-2"));
    // 50 on the shelf, as before the sheet
    assertThat(engine.stock().ledger().level(floor).onHand()).isEqualByComparingTo("50");
  }

  private static void assertUnknownSku(ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SKU_UNKNOWN))
        .hasMessageContaining("NOT-LISTED");
  }
}
