package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A completed return against a sale, with its credit note.
 *
 * @param id the return's id
 * @param saleId the original sale
 * @param store the store
 * @param creditNoteNumber the credit note's number
 * @param at when
 * @param lines what came back
 * @param refund the total refunded (positive)
 * @param tax the tax refunded within it
 * @param refundTo where the money went: ORIGINAL tenders or STORE_CREDIT
 * @param journalHash the credit note's journal hash
 * @param shiftId the register shift that paid a cash refund, if any
 */
public record ReturnReceipt(
    String id,
    String saleId,
    StoreId store,
    String creditNoteNumber,
    Instant at,
    List<Line> lines,
    Money refund,
    Money tax,
    String refundTo,
    String journalHash,
    Optional<String> shiftId) {

  /** Copies the lines. */
  public ReturnReceipt {
    lines = List.copyOf(lines);
    at = Instants.microsOrNull(at);
  }

  /**
   * One returned line.
   *
   * @param lineIndex the line of the original sale
   * @param sku the SKU
   * @param quantity how many came back
   * @param refund what was paid for those units, refunded
   * @param tax the tax within the refund
   * @param restocked true when put back on sale, false when written off
   * @param pointsTakenBack loyalty points the units had earned
   */
  public record Line(
      int lineIndex,
      String sku,
      BigDecimal quantity,
      Money refund,
      Money tax,
      boolean restocked,
      long pointsTakenBack) {}
}
