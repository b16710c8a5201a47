package io.vruksha.retail.warranty;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * Port: serialised SKUs, the warranties of the units sold and their claims. A serial has one
 * warranty per store at a time. Implementations must be thread-safe.
 */
public interface WarrantyBook {

  /** Flags a SKU as serialised with its warranty period. */
  void savePolicy(WarrantyPolicy policy);

  /** The policy of a SKU, when it is serialised. */
  Optional<WarrantyPolicy> policy(Sku sku);

  /**
   * Saves a warranty, new or changed; a new one replaces a voided one of the same serial.
   *
   * @throws io.vruksha.retail.RuleViolationException DUPLICATE when the serial already has an
   *     active warranty at the store
   */
  void save(Warranty warranty);

  /** The warranty of serial {@code serial} at {@code store}. */
  Optional<Warranty> bySerial(StoreId store, String serial);

  /** The warranties of the units sold on a receipt, by line and serial. */
  List<Warranty> byReceipt(StoreId store, String receiptNumber);

  /** The store's warranties, newest sale first. */
  List<Warranty> list(StoreId store);

  /** Records a claim. */
  void addClaim(WarrantyClaim claim);

  /** The claims on a serial, oldest first. */
  List<WarrantyClaim> claims(StoreId store, String serial);
}
