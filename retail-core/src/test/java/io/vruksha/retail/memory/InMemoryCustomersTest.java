package io.vruksha.retail.memory;

import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.customer.CustomersContract;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;

class InMemoryCustomersTest extends CustomersContract {

  private final InMemoryUnitOfWork work = new InMemoryUnitOfWork();
  private InMemoryCustomers customers;

  @Override
  protected Customers newCustomers() {
    customers = new InMemoryCustomers();
    return customers;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return work;
  }

  @Override
  protected List<String> auditTrail(CustomerId id) {
    return customers.trail(id).stream()
        .map(c -> c.changedBy() + " " + c.before() + " " + c.after())
        .toList();
  }
}
