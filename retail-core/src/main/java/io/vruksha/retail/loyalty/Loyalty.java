package io.vruksha.retail.loyalty;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The loyalty rules over a programme and a ledger: tiers, earning, redemption and expiry.
 * Thread-safe when the ledger is.
 */
public final class Loyalty {

  private final LoyaltyProgram program;
  private final LoyaltyLedger ledger;

  /** Loyalty for {@code program} over {@code ledger}. */
  public Loyalty(LoyaltyProgram program, LoyaltyLedger ledger) {
    this.program = Objects.requireNonNull(program, "program");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** The programme. */
  public LoyaltyProgram program() {
    return program;
  }

  /** The ledger. */
  public LoyaltyLedger ledger() {
    return ledger;
  }

  /** The customer's points balance. */
  public long balance(String customerId) {
    return ledger.balance(customerId);
  }

  /** The customer's net spend over the 365 days before {@code at}, in minor units. */
  public long spend12Months(String customerId, Instant at) {
    Instant from = at.minus(Duration.ofDays(365));
    return ledger.entries(customerId).stream()
        .filter(e -> !e.at().isBefore(from) && !e.at().isAfter(at))
        .mapToLong(LoyaltyEntry::spendMinor)
        .sum();
  }

  /** The tier the customer holds at {@code at}. */
  public Optional<LoyaltyProgram.Tier> tier(String customerId, Money zero, Instant at) {
    return program.tierFor(Money.ofMinor(zero.currency(), spend12Months(customerId, at)));
  }

  /**
   * Points a line earns: {@code floor(net × pointsPerUnit × categoryMultiplier × tierMultiplier)}.
   */
  public long pointsFor(Money net, BigDecimal categoryMultiplier, BigDecimal tierMultiplier) {
    if (!net.isPositive()) {
      return 0;
    }
    return net.amount()
        .multiply(program.pointsPerUnit())
        .multiply(categoryMultiplier)
        .multiply(tierMultiplier)
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /** What {@code points} are worth as a tender. */
  public Money valueOf(long points) {
    return program.pointValue().times(points);
  }

  /**
   * Checks a redemption of {@code points} against the minimum and the balance.
   *
   * @throws RuleViolationException with {@link ErrorCode#POINTS_INSUFFICIENT}
   */
  public void checkRedemption(String customerId, long points) {
    long balance = balance(customerId);
    if (points < program.minRedeem()) {
      throw new RuleViolationException(
          ErrorCode.POINTS_INSUFFICIENT,
          "at least "
              + program.minRedeem()
              + " points must be redeemed at a time, "
              + points
              + " asked");
    }
    if (points > balance) {
      throw new RuleViolationException(
          ErrorCode.POINTS_INSUFFICIENT,
          "customer " + customerId + " has " + balance + " points, " + points + " asked");
    }
  }

  /**
   * Expires the customer's points earned more than {@code expiryDays} before {@code now}, oldest
   * first: points already spent, taken back or expired are counted against the oldest earnings.
   * Returns the points expired now.
   */
  public long expire(String customerId, Instant now) {
    List<LoyaltyEntry> entries = ledger.entries(customerId);
    Instant cutoff = now.minus(Duration.ofDays(program.expiryDays()));
    long consumed = entries.stream().filter(e -> e.points() < 0).mapToLong(e -> -e.points()).sum();
    long expirable =
        entries.stream()
            .filter(e -> e.points() > 0 && e.at().isBefore(cutoff))
            .mapToLong(LoyaltyEntry::points)
            .sum();
    long toExpire = Math.max(0, expirable - consumed);
    if (toExpire > 0) {
      ledger.append(
          new LoyaltyEntry(customerId, LoyaltyEntry.Kind.EXPIRE, -toExpire, 0, "expiry", now));
    }
    return toExpire;
  }
}
