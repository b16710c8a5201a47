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

  /**
   * The sales {@code query} asks for, newest first (by time, then receipt number), at most its
   * limit: filtered by the adapter, not by its caller.
   */
  List<Sale> search(SaleQuery query);

  /** Saves a completed return. */
  void saveReturn(ReturnReceipt receipt);

  /** The returns against a sale, oldest first. */
  List<ReturnReceipt> returnsOf(String saleId);

  /** The store's returns, oldest first. */
  List<ReturnReceipt> returns(StoreId store);

  /** The store's return whose credit note has this number. */
  Optional<ReturnReceipt> returnByNumber(StoreId store, String creditNoteNumber);
}
