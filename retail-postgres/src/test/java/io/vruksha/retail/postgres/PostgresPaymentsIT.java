package io.vruksha.retail.postgres;

import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PaymentsContract;

/** The payments port on PostgreSQL, each test on a database of its own. */
class PostgresPaymentsIT extends PaymentsContract {

  @Override
  protected Payments newPayments() {
    return new PostgresPayments(TestDatabase.fresh());
  }
}
