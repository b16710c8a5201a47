package io.vruksha.retail.money;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits an amount over weighted parts without losing or creating a cent.
 *
 * <p>Largest-remainder (Hamilton) method: every part first gets the floor of its exact share in
 * minor units; the minor units left over go one each to the parts with the largest fractional
 * remainders, ties going to the earlier part. The parts therefore sum to the whole exactly, each
 * differs from its exact share by less than one minor unit, and the result is deterministic.
 *
 * <p>Used wherever a document-level amount must be spread over lines: basket discounts, document-
 * rounded tax, cash rounding. A later return then refunds exactly what was paid for each line.
 */
public final class Allocation {

  private Allocation() {}

  /**
   * Splits {@code total} over {@code weights}. Weights must be non-negative; if they are all zero
   * the split is even. A negative total is split as its absolute value and negated.
   */
  public static List<Money> largestRemainder(Money total, List<BigDecimal> weights) {
    long[] parts = largestRemainder(total.minorUnits(), weights);
    List<Money> result = new ArrayList<>(parts.length);
    for (long p : parts) {
      result.add(Money.ofMinor(total.currency(), p));
    }
    return List.copyOf(result);
  }

  /** {@link #largestRemainder(Money, List)} on plain minor units. */
  public static long[] largestRemainder(long totalMinor, List<BigDecimal> weights) {
    if (weights.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "cannot allocate over no parts");
    }
    for (BigDecimal w : weights) {
      if (w.signum() < 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "allocation weights must not be negative: " + w);
      }
    }
    if (totalMinor < 0) {
      long[] positive = largestRemainder(-totalMinor, weights);
      for (int i = 0; i < positive.length; i++) {
        positive[i] = -positive[i];
      }
      return positive;
    }
    int n = weights.size();
    BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<BigDecimal> effective =
        sum.signum() == 0 ? Collections.nCopies(n, BigDecimal.ONE) : weights;
    BigDecimal weightSum = sum.signum() == 0 ? BigDecimal.valueOf(n) : sum;

    BigInteger total = BigInteger.valueOf(totalMinor);
    long[] parts = new long[n];
    // remainder numerators: exact share = total * w / sum = floor + rem / sum
    BigDecimal[] remainders = new BigDecimal[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal numerator = new BigDecimal(total).multiply(effective.get(i));
      BigDecimal[] qr = numerator.divideAndRemainder(weightSum);
      parts[i] = qr[0].setScale(0, RoundingMode.DOWN).longValueExact();
      remainders[i] = qr[1];
      allocated += parts[i];
    }
    long left = totalMinor - allocated;
    giveLeftoverToLargestRemainders(parts, remainders, left);
    return parts;
  }

  /**
   * Rounds exact parts so that they sum to {@code total}: each part gets the floor of its exact
   * value in minor units, and the units left over go one each to the parts with the largest
   * fractional remainders, ties to the earlier part. Used to spread a document-rounded tax over the
   * lines whose unrounded taxes made it up; parts may be negative (a return line).
   *
   * @param exactMinor the exact parts, in minor units (e.g. 123.456 for 1.23456 EUR)
   * @param totalMinor the rounded total they must sum to, in minor units; it must lie within one
   *     minor unit per part of their exact sum
   */
  public static long[] roundToTotal(List<BigDecimal> exactMinor, long totalMinor) {
    int n = exactMinor.size();
    long[] parts = new long[n];
    BigDecimal[] remainders = new BigDecimal[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal floor = exactMinor.get(i).setScale(0, RoundingMode.FLOOR);
      parts[i] = floor.longValueExact();
      remainders[i] = exactMinor.get(i).subtract(floor);
      allocated += parts[i];
    }
    long left = totalMinor - allocated;
    if (left < 0 || left > n) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a total of "
              + totalMinor
              + " minor units cannot be spread over parts summing to about "
              + allocated);
    }
    giveLeftoverToLargestRemainders(parts, remainders, left);
    return parts;
  }

  /** One unit each to the {@code left} parts with the largest remainders, ties to the earlier. */
  private static void giveLeftoverToLargestRemainders(
      long[] parts, BigDecimal[] remainders, long left) {
    List<Integer> order =
        IntStream.range(0, parts.length)
            .boxed()
            .sorted(
                Comparator.comparing((Integer i) -> remainders[i])
                    .reversed()
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    for (int k = 0; k < left; k++) {
      parts[order.get(k)]++;
    }
  }
}
