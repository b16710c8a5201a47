package io.vruksha.retail.warranty;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;

/**
 * The warranty of one serialised unit sold.
 *
 * @param store the store that sold it
 * @param serial the unit's serial number
 * @param sku its SKU
 * @param saleId the sale
 * @param receiptNumber the sale's receipt
 * @param lineIndex the sale line it was sold on
 * @param startsAt when it was sold
 * @param endsAt when the cover ends
 * @param status where it stands
 */
public record Warranty(
    StoreId store,
    String serial,
    Sku sku,
    String saleId,
    String receiptNumber,
    int lineIndex,
    Instant startsAt,
    Instant endsAt,
    Status status) {

  /** Where a warranty stands. */
  public enum Status {
    /** In force (until its end). */
    ACTIVE,
    /** The unit was returned; the warranty ended. */
    VOID
  }

  /** Checks for nulls. */
  public Warranty {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(receiptNumber, "receiptNumber");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(status, "status");
    startsAt = Instants.micros(startsAt);
    endsAt = Instants.micros(endsAt);
  }

  /** Whether it covers a claim made at {@code at}. */
  public boolean covers(Instant at) {
    return status == Status.ACTIVE && !at.isBefore(startsAt) && at.isBefore(endsAt);
  }

  /** This warranty voided by a return. */
  public Warranty voided() {
    return new Warranty(
        store, serial, sku, saleId, receiptNumber, lineIndex, startsAt, endsAt, Status.VOID);
  }
}
