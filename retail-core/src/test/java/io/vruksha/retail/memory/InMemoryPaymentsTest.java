package io.vruksha.retail.memory;

import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PaymentsContract;

class InMemoryPaymentsTest extends PaymentsContract {

  @Override
  protected Payments newPayments() {
    return new InMemoryPayments();
  }
}
