package io.vruksha.retail.invoicing;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: invoices. Implementations must be thread-safe; saves join the unit of work. */
public interface Invoices {

  /** Creates or replaces an invoice. */
  void save(Invoice invoice);

  /** The store's invoice with this number (every store numbers its documents from 1). */
  Optional<Invoice> find(StoreId store, String number);

  /** The invoice of a till sale. */
  Optional<Invoice> forSale(String saleId);

  /** A store's invoices, oldest first. */
  List<Invoice> list(StoreId store);
}
