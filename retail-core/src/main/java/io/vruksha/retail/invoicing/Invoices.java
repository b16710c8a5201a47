package io.vruksha.retail.invoicing;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: invoices. Implementations must be thread-safe; saves join the unit of work. */
public interface Invoices {

  /** Creates or replaces an invoice. */
  void save(Invoice invoice);

  /** The invoice with this number. */
  Optional<Invoice> find(String number);

  /** The invoice of a till sale. */
  Optional<Invoice> forSale(String saleId);

  /** A store's invoices, oldest first. */
  List<Invoice> list(StoreId store);
}
