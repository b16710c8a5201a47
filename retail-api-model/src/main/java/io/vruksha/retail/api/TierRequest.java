package io.vruksha.retail.api;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One tier of a spend threshold.
 *
 * @param spend the spend that reaches it
 * @param amountOff the amount off, or
 * @param percentOff the percentage off
 */
public record TierRequest(
    MoneyIn spend, Optional<MoneyIn> amountOff, Optional<BigDecimal> percentOff) {}
