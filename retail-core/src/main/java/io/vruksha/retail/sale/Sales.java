package io.vruksha.retail.sale;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: completed sales and the returns against them. Implementations must be thread-safe. */
public interface Sales {

  /** Saves a completed sale (inside its checkout's unit of work). */
  void save(Sale sale);

  /** The sale with this id. */
  Optional<Sale> find(String saleId);

  /** The store's sales, oldest first. */
  List<Sale> list(StoreId store);

  /** Saves a completed return. */
  void saveReturn(ReturnReceipt receipt);

  /** The returns against a sale, oldest first. */
  List<ReturnReceipt> returnsOf(String saleId);

  /** The store's returns, oldest first. */
  List<ReturnReceipt> returns(StoreId store);
}
