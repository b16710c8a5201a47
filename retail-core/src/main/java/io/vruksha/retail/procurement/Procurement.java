package io.vruksha.retail.procurement;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: suppliers and purchase orders. Implementations must be thread-safe. */
public interface Procurement {

  /** Creates or replaces a supplier. */
  void saveSupplier(Supplier supplier);

  /** The supplier with this id. */
  Optional<Supplier> supplier(String id);

  /** Every supplier of a SKU. */
  List<Supplier> suppliersOf(Sku sku);

  /** Creates or replaces a purchase order. */
  void saveOrder(PurchaseOrder order);

  /** The order with this id. */
  Optional<PurchaseOrder> order(String id);

  /** A store's orders, oldest first. */
  List<PurchaseOrder> orders(StoreId store);
}
