package io.vruksha.retail.memory;

import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.customer.CustomersContract;

class InMemoryCustomersTest extends CustomersContract {

  @Override
  protected Customers newCustomers() {
    return new InMemoryCustomers();
  }
}
