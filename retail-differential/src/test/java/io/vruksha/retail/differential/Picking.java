package io.vruksha.retail.differential;

import java.math.BigDecimal;

/** What a short pick finds: a piece fewer, or 0.1 kg fewer, never below nothing. */
final class Picking {

  private Picking() {}

  static BigDecimal shortOf(BigDecimal ordered) {
    BigDecimal less = ordered.scale() > 0 ? new BigDecimal("0.1") : BigDecimal.ONE;
    return ordered.subtract(less).max(BigDecimal.ZERO);
  }
}
