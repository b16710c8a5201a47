package io.vruksha.retail.invoicing;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * Port: each store's chained journal of fiscal documents. Appends happen inside the unit of work
 * that issues the document; implementations must be thread-safe and keep entries in sequence.
 */
public interface Journal {

  /** The hash the first entry of every store chains to. */
  String GENESIS = "0".repeat(64);

  /** The last entry of the store's journal. */
  Optional<FiscalDocument> last(StoreId store);

  /** Appends an entry whose sequence and previous hash follow {@link #last}. */
  void append(FiscalDocument document);

  /** Every entry of the store, in sequence. */
  List<FiscalDocument> entries(StoreId store);
}
