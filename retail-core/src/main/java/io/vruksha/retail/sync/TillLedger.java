package io.vruksha.retail.sync;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.store.StoreId;
import java.util.List;

/**
 * Port: the centre's copy of each till's chained journal, per store and till — the entries
 * verbatim, so the centre can verify a till's chain again at any time, and where the copy ends
 * ({@link TillPosition}) — and the flags of what tills did offline that the centre could not cover.
 *
 * <p>{@link #position} inside a unit of work holds the till's position until the unit ends, so two
 * batches of one till sent at once are taken one after the other. Writes join the unit of work.
 * Implementations must be thread-safe.
 */
public interface TillLedger {

  /** Where the centre's copy of the till's journal ends ({@link TillPosition#START} if unknown). */
  TillPosition position(StoreId store, String till);

  /**
   * Appends the till's entry verbatim and moves the position to it.
   *
   * @throws IllegalStateException when its sequence is not the position's next or its previous hash
   *     is not the position's hash (the caller checks both first)
   */
  void accept(StoreId store, String till, FiscalDocument entry);

  /** The till's entries the centre holds, in sequence. */
  List<FiscalDocument> entries(StoreId store, String till);

  /** The tills of the store the centre holds entries of, in id order. */
  List<String> tills(StoreId store);

  /** Records a flag. */
  void flag(TillFlag flag);

  /** The store's flags, in the order recorded. */
  List<TillFlag> flags(StoreId store);
}
