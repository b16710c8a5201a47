package io.vruksha.retail.register;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A register's shift: opened with a float, cash put in or taken out with a reason, closed with a
 * counted drawer.
 *
 * @param id the shift's id
 * @param store the store
 * @param registerId the register (till)
 * @param openedBy who opened it
 * @param openedAt when
 * @param openingFloat the cash in the drawer at the start
 * @param cashMovements cash in (positive) and out (negative), with reasons
 * @param closing the close, once closed
 */
public record Shift(
    String id,
    StoreId store,
    String registerId,
    String openedBy,
    Instant openedAt,
    Money openingFloat,
    List<CashMovement> cashMovements,
    Optional<ShiftReport> closing) {

  /** Copies the movements. */
  public Shift {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(closing, "closing");
    cashMovements = List.copyOf(cashMovements);
    openedAt = Instants.microsOrNull(openedAt);
  }

  /** True until closed. */
  public boolean open() {
    return closing.isEmpty();
  }

  /**
   * Cash put into (positive) or taken out of (negative) the drawer outside a sale.
   *
   * @param amount signed amount
   * @param reason why (change delivery, bank drop, petty cash)
   * @param by who
   * @param at when
   */
  public record CashMovement(Money amount, String reason, String by, Instant at) {
    /** Keeps the movement's time to the microsecond, as every adapter stores it. */
    public CashMovement {
      at = Instants.microsOrNull(at);
    }
  }
}
