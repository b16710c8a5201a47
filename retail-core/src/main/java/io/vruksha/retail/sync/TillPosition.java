package io.vruksha.retail.sync;

import io.vruksha.retail.invoicing.Journal;
import java.util.Objects;

/**
 * Where the centre's copy of a till's journal ends: the last sequence it accepted and that entry's
 * hash, which the till's next entry must chain to.
 *
 * @param acceptedUpTo the last accepted sequence, 0 before the first
 * @param lastHash the hash of that entry, {@link Journal#GENESIS} before the first
 */
public record TillPosition(long acceptedUpTo, String lastHash) {

  /** The position of a till the centre has never heard of. */
  public static final TillPosition START = new TillPosition(0, Journal.GENESIS);

  /** Checks the position. */
  public TillPosition {
    Objects.requireNonNull(lastHash, "lastHash");
    if (acceptedUpTo < 0) {
      throw new IllegalArgumentException("a till position is never negative, was " + acceptedUpTo);
    }
  }
}
