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

  /**
   * Where the store's chain ends, for the next {@link #append}: the last entry's sequence and hash,
   * or {@link Head#START} before the first. Inside a unit of work an adapter holds the store's
   * journal from here until the unit ends, so the documents of one store are chained one after the
   * other however many tills issue at once. By default read from {@link #last}; an adapter that
   * keeps the head on its own answers without reading the entry.
   */
  default Head head(StoreId store) {
    return last(store).map(d -> new Head(d.sequence(), d.hash())).orElse(Head.START);
  }

  /** The end of a store's chain: the sequence and hash the next entry follows. */
  record Head(long sequence, String hash) {

    /** The head of an empty journal: the first entry is 1 and chains to {@link #GENESIS}. */
    public static final Head START = new Head(0, GENESIS);
  }

  /** Appends an entry whose sequence and previous hash follow {@link #head}. */
  void append(FiscalDocument document);

  /** Every entry of the store, in sequence. */
  List<FiscalDocument> entries(StoreId store);
}
