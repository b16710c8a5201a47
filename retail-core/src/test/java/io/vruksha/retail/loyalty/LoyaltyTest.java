package io.vruksha.retail.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.memory.InMemoryLoyaltyLedger;
import io.vruksha.retail.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoyaltyTest {

  private static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
  private final Loyalty loyalty = new Loyalty(DemoStore.LOYALTY, new InMemoryLoyaltyLedger());

  @Test
  void pointsExpireOldestFirstAfterAYear() {
    loyalty.ledger().append(new LoyaltyEntry("c", LoyaltyEntry.Kind.EARN, 300, 0, "s1", JAN));
    loyalty
        .ledger()
        .append(
            new LoyaltyEntry(
                "c", LoyaltyEntry.Kind.EARN, 200, 0, "s2", JAN.plus(Duration.ofDays(200))));
    loyalty
        .ledger()
        .append(
            new LoyaltyEntry(
                "c", LoyaltyEntry.Kind.REDEEM, -100, 0, "s3", JAN.plus(Duration.ofDays(210))));
    // a year and a day after January: the 300 earned then are expirable; 100 of them were spent
    // (oldest first), so 200 expire and the 200 earned later stay
    assertThat(loyalty.expire("c", JAN.plus(Duration.ofDays(366)))).isEqualTo(200);
    assertThat(loyalty.balance("c")).isEqualTo(200);
    assertThat(loyalty.expire("c", JAN.plus(Duration.ofDays(367)))).isZero();
    // after the later points' year too, the rest go
    assertThat(loyalty.expire("c", JAN.plus(Duration.ofDays(566)))).isEqualTo(200);
    assertThat(loyalty.balance("c")).isZero();
  }

  @Test
  void goldIsReachedOnRollingTwelveMonthSpendAndMultipliesEarning() {
    Money eur0 = Money.zero(DemoStore.EUR);
    loyalty.ledger().append(new LoyaltyEntry("c", LoyaltyEntry.Kind.EARN, 600, 60_000, "s1", JAN));
    assertThat(loyalty.tier("c", eur0, JAN.plus(Duration.ofDays(10)))).isEmpty();
    loyalty
        .ledger()
        .append(
            new LoyaltyEntry(
                "c", LoyaltyEntry.Kind.EARN, 500, 50_000, "s2", JAN.plus(Duration.ofDays(100))));
    // 600.00 + 500.00 = 1,100.00 >= 1,000.00 within 365 days: gold, x1.5
    assertThat(loyalty.tier("c", eur0, JAN.plus(Duration.ofDays(101))))
        .hasValueSatisfying(t -> assertThat(t.multiplier()).isEqualByComparingTo("1.5"));
    // a year after the first sale it drops out of the window: 500.00 only
    assertThat(loyalty.tier("c", eur0, JAN.plus(Duration.ofDays(366)))).isEmpty();
    // 16.80 net x 1 point x 1.5 = 25.2 -> 25
    assertThat(loyalty.pointsFor(Money.of("16.80", "EUR"), BigDecimal.ONE, new BigDecimal("1.5")))
        .isEqualTo(25);
  }

  @Test
  void redemptionNeedsTheMinimumAndTheBalance() {
    loyalty.ledger().append(new LoyaltyEntry("c", LoyaltyEntry.Kind.EARN, 150, 0, "s1", JAN));
    assertThatThrownBy(() -> loyalty.checkRedemption("c", 50))
        .hasMessageContaining("at least 100 points");
    assertThatThrownBy(() -> loyalty.checkRedemption("c", 200))
        .isInstanceOf(RuleViolationException.class)
        .hasMessage("customer c has 150 points, 200 asked")
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.POINTS_INSUFFICIENT);
    assertThat(loyalty.valueOf(150)).isEqualTo(Money.of("1.50", "EUR"));
  }
}
