package io.vruksha.retail.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link CouponLedger} adapter must show. */
public abstract class CouponLedgerContract {

  /** A new, empty ledger for each test. */
  protected abstract CouponLedger newLedger();

  @Test
  void redeemingIsIdempotentPerSale() {
    CouponLedger ledger = newLedger();
    assertThat(ledger.tryRedeem("ONCE", 1, "sale-1")).isTrue();
    assertThat(ledger.tryRedeem("once", 1, "sale-1")).isTrue();
    assertThat(ledger.used("ONCE")).isEqualTo(1);
    assertThat(ledger.tryRedeem("ONCE", 1, "sale-2")).isFalse();
  }

  @Test
  void aVoidGivesTheUseBack() {
    CouponLedger ledger = newLedger();
    ledger.tryRedeem("ONCE", 1, "sale-1");
    ledger.release("ONCE", "sale-1");
    assertThat(ledger.used("ONCE")).isZero();
    assertThat(ledger.tryRedeem("ONCE", 1, "sale-2")).isTrue();
  }

  @Test
  void eightTillsRacingForFiveUsesGetExactlyFive() throws Exception {
    CouponLedger ledger = newLedger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String sale = "sale-" + t;
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  return ledger.tryRedeem("FIVE", 5, sale);
                }));
      }
      go.countDown();
      long granted = 0;
      for (Future<Boolean> f : attempts) {
        if (f.get(10, TimeUnit.SECONDS)) {
          granted++;
        }
      }
      assertThat(granted).isEqualTo(5);
      assertThat(ledger.used("FIVE")).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }
}
