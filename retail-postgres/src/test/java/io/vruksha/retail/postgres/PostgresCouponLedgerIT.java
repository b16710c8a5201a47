package io.vruksha.retail.postgres;

import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.CouponLedgerContract;

class PostgresCouponLedgerIT extends CouponLedgerContract {

  @Override
  protected CouponLedger newLedger() {
    return new PostgresCouponLedger(TestDatabase.fresh());
  }
}
