package io.vruksha.retail.invoicing;

import io.vruksha.retail.store.StoreId;

/**
 * Port: gapless document numbers per store, series and year. {@link #next} is called inside the
 * unit of work that issues the document, so a rolled-back checkout gives its number back and the
 * sequence never skips or repeats, however many tills issue at once. Implementations must be
 * thread-safe.
 */
public interface InvoiceSequence {

  /** The next number (from 1) of {@code series} in {@code year} at {@code store}. */
  long next(StoreId store, String series, int year);
}
