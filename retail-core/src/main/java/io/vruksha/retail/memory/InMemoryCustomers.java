package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link Customers} in memory. Thread-safe (one monitor); writes undo on rollback. */
public final class InMemoryCustomers implements Customers {

  private final Map<CustomerId, Customer> customers = new LinkedHashMap<>();

  @Override
  public synchronized Customer create(Customer customer) {
    if (customers.containsKey(customer.id())) {
      throw new InvalidInputException(
          ErrorCode.DUPLICATE, "customer " + customer.id() + " already exists");
    }
    requireFreeEmail(customer);
    put(customer);
    return customer;
  }

  @Override
  public synchronized Customer update(Customer customer) {
    if (!customers.containsKey(customer.id())) {
      throw new NotFoundException(ErrorCode.NOT_FOUND, "no customer " + customer.id());
    }
    requireFreeEmail(customer);
    put(customer);
    return customer;
  }

  private void requireFreeEmail(Customer customer) {
    customer
        .email()
        .flatMap(this::findByEmail)
        .filter(other -> !other.id().equals(customer.id()))
        .ifPresent(
            other -> {
              throw new InvalidInputException(
                  ErrorCode.DUPLICATE,
                  "e-mail " + customer.email().get() + " belongs to customer " + other.id());
            });
  }

  private void put(Customer customer) {
    Customer before = customers.put(customer.id(), customer);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              customers.remove(customer.id());
            } else {
              customers.put(customer.id(), before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Customer> find(CustomerId id) {
    return Optional.ofNullable(customers.get(id));
  }

  @Override
  public synchronized Optional<Customer> findByEmail(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    return customers.values().stream()
        .filter(c -> c.email().map(wanted::equals).orElse(false))
        .findFirst();
  }

  @Override
  public synchronized List<Customer> inGroup(CustomerGroupId group) {
    return customers.values().stream()
        .filter(c -> c.group().map(group::equals).orElse(false))
        .toList();
  }
}
