package io.vruksha.retail.memory;

import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.CouponLedgerContract;

class InMemoryCouponLedgerTest extends CouponLedgerContract {

  @Override
  protected CouponLedger newLedger() {
    return new InMemoryCouponLedger();
  }
}
