package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLedgerContract;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock ledger contract on a SQLite file of its own, and weighed goods to the gram. */
class SqliteStockLedgerTest extends StockLedgerContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.000001Z");
  private static final StockKey GOUDA = StockKey.floor(StoreId.of("s1"), Sku.of("GOUDA"));

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected StockLedger newLedger() {
    if (db == null) {
      db = SqliteDatabase.open(dir.resolve("till.db"));
    }
    return new SqliteStockLedger(db);
  }

  @Test
  void weighedGoodsAreCountedToTheGramWithoutRounding() {
    StockLedger ledger = newLedger(); // another adapter on the contract's file
    ledger.move(GOUDA, new BigDecimal("10.000"), MovementReason.RECEIPT, "po-1", "", T0, false);
    for (int i = 0; i < 3; i++) {
      ledger.move(GOUDA, new BigDecimal("-0.755"), MovementReason.SALE, "s-" + i, "", T0, false);
    }
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004
    ledger.move(GOUDA, new BigDecimal("0.1"), MovementReason.COUNT, "c-1", "", T0, false);
    ledger.move(GOUDA, new BigDecimal("0.2"), MovementReason.COUNT, "c-1", "", T0, false);

    // 10.000 - 3 × 0.755 + 0.1 + 0.2 = 8.035
    assertThat(ledger.level(GOUDA).onHand()).isEqualTo(new BigDecimal("8.035"));
    assertThatThrownBy(
            () ->
                ledger.move(
                    GOUDA, new BigDecimal("-8.036"), MovementReason.SALE, "s-9", "", T0, false))
        .isInstanceOf(RuleViolationException.class)
        .hasMessage("SKU GOUDA has 8.035 available at floor, 8.036 requested");
    ledger.move(GOUDA, new BigDecimal("-8.035"), MovementReason.SALE, "s-9", "", T0, false);
    assertThat(ledger.level(GOUDA).onHand()).isEqualTo(BigDecimal.ZERO);
    assertThat(ledger.movements(GOUDA))
        .extracting(StockMovement::change)
        .containsExactly(
            new BigDecimal("10"),
            new BigDecimal("-0.755"),
            new BigDecimal("-0.755"),
            new BigDecimal("-0.755"),
            new BigDecimal("0.1"),
            new BigDecimal("0.2"),
            new BigDecimal("-8.035"));
    assertThat(ledger.movements(GOUDA)).allSatisfy(m -> assertThat(m.at()).isEqualTo(T0));
  }

  @Test
  void aMovementBookedWithoutNoteOrTimeReadsBackWithoutThem() {
    StockLedger ledger = newLedger();
    ledger.move(GOUDA, new BigDecimal("1"), MovementReason.COUNT, "c-1", null, null, false);
    ledger.move(GOUDA, new BigDecimal("2"), MovementReason.COUNT, null, "found", T0, false);
    ledger.move(GOUDA, new BigDecimal("3"), MovementReason.COUNT, "c-2", null, T0, false);
    assertThat(ledger.movements(GOUDA))
        .extracting(StockMovement::reference, StockMovement::note, StockMovement::at)
        .containsExactly(
            tuple("c-1", null, null), tuple(null, "found", T0), tuple("c-2", null, T0));
  }
}
