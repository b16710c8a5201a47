package io.vruksha.retail.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class CashRoundingTest {

  private final CashRounding chf = CashRounding.to("0.05");

  @Test
  void swissCashRoundsToFiveRappen() {
    // 10.02 -> 10.00, 10.03 -> 10.05 (0.025 is the half-way point), 10.07 -> 10.05, 10.08 -> 10.10
    assertThat(chf.apply(Money.of("10.02", "CHF"))).isEqualTo(Money.of("10.00", "CHF"));
    assertThat(chf.apply(Money.of("10.03", "CHF"))).isEqualTo(Money.of("10.05", "CHF"));
    assertThat(chf.apply(Money.of("10.07", "CHF"))).isEqualTo(Money.of("10.05", "CHF"));
    assertThat(chf.apply(Money.of("10.08", "CHF"))).isEqualTo(Money.of("10.10", "CHF"));
  }

  @Test
  void theAdjustmentIsWhatCashAddsOrTakes() {
    assertThat(chf.adjustment(Money.of("10.02", "CHF"))).isEqualTo(Money.of("-0.02", "CHF"));
    assertThat(chf.adjustment(Money.of("10.03", "CHF"))).isEqualTo(Money.of("0.02", "CHF"));
  }

  @Test
  void refundsRoundSymmetrically() {
    // half-up rounds away from zero, so a -10.03 refund pays out -10.05
    assertThat(chf.apply(Money.of("-10.03", "CHF"))).isEqualTo(Money.of("-10.05", "CHF"));
  }

  @Test
  void wholeUnitRoundingAndNone() {
    CashRounding sek = new CashRounding(BigDecimal.ONE, RoundingMode.HALF_UP);
    assertThat(sek.apply(Money.of("99.50", "SEK"))).isEqualTo(Money.of("100.00", "SEK"));
    assertThat(CashRounding.NONE.apply(Money.of("10.03", "CHF")))
        .isEqualTo(Money.of("10.03", "CHF"));
  }
}
