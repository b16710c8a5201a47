package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.work.Acting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Customers} in memory, with an audit trail of every change as PostgreSQL's {@code
 * audit_log} keeps it (who, the record before and after), the reference for what anonymising leaves
 * in it. Thread-safe (one monitor); writes undo on rollback.
 */
public final class InMemoryCustomers implements Customers {

  private final Map<CustomerId, Customer> customers = new LinkedHashMap<>();
  private final List<Change> trail = new ArrayList<>();

  /**
   * One audit entry: a change of a customer.
   *
   * @param customerId the customer changed
   * @param changedBy the actor of the unit of work ({@link
   *     io.vruksha.retail.work.UnitOfWork#actingAs}), else {@code engine}
   * @param before the record before, empty for a creation
   * @param after the record after
   */
  public record Change(
      CustomerId customerId,
      String changedBy,
      Optional<Customer> before,
      Optional<Customer> after) {}

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
    Change change =
        new Change(
            customer.id(), Acting.orEngine(), Optional.ofNullable(before), Optional.of(customer));
    trail.add(change);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            // this very entry (an equal one may be in the trail too)
            for (int i = trail.size() - 1; i >= 0; i--) {
              if (trail.get(i) == change) {
                trail.remove(i);
                break;
              }
            }
            if (before == null) {
              customers.remove(customer.id());
            } else {
              customers.put(customer.id(), before);
            }
          }
        });
  }

  /** The audit trail of a customer, oldest first. */
  public synchronized List<Change> trail(CustomerId id) {
    return trail.stream().filter(c -> c.customerId().equals(id)).toList();
  }

  @Override
  public synchronized int forgetCopies(CustomerId id) {
    Customer customer = customers.get(id);
    if (customer == null || !customer.anonymised()) {
      return 0;
    }
    int scrubbed = 0;
    for (ListIterator<Change> it = trail.listIterator(); it.hasNext(); ) {
      Change c = it.next();
      if (!c.customerId().equals(id)) {
        continue;
      }
      Change clean =
          new Change(
              id,
              c.changedBy(),
              c.before().map(Customer::withoutPersonalData),
              c.after().map(Customer::withoutPersonalData));
      if (!clean.equals(c)) {
        int at = it.previousIndex();
        it.set(clean);
        scrubbed++;
        InMemoryUnitOfWork.onRollback(
            () -> {
              synchronized (this) {
                trail.set(at, c);
              }
            });
      }
    }
    return scrubbed;
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
    // as PostgreSQL lists them: by customer id
    return customers.values().stream()
        .filter(c -> c.group().map(group::equals).orElse(false))
        .sorted(Comparator.comparing(c -> c.id().value()))
        .toList();
  }
}
