package io.vruksha.retail.warranty;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;

/**
 * A claim under a warranty.
 *
 * @param store the store that took it
 * @param id the claim's id
 * @param serial the unit
 * @param at when it was made
 * @param description the fault, in the customer's words
 * @param staffId who took it
 */
public record WarrantyClaim(
    StoreId store, String id, String serial, Instant at, String description, String staffId) {

  /** Checks for nulls. */
  public WarrantyClaim {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(at, "at");
    at = Instants.micros(at);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(staffId, "staffId");
  }
}
