package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.json.DocumentJson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link Customers} on PostgreSQL; every change is written to {@code audit_log} with the record
 * before and after, whose personal fields {@link #forgetCopies} scrubs once the customer is
 * anonymised. Thread-safe.
 */
public final class PostgresCustomers implements Customers {

  private final PostgresUnitOfWork work;

  /** The customers of {@code db}. */
  public PostgresCustomers(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Customer create(Customer c) {
    return work.with(
        h -> {
          if (find(h, c.id()).isPresent()) {
            throw new InvalidInputException(
                ErrorCode.DUPLICATE, "customer " + c.id() + " already exists");
          }
          requireFreeEmail(h, c);
          write(h, c, Optional.empty());
          return c;
        });
  }

  @Override
  public Customer update(Customer c) {
    return work.with(
        h -> {
          Customer before =
              find(h, c.id())
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no customer " + c.id()));
          requireFreeEmail(h, c);
          write(h, c, Optional.of(before));
          return c;
        });
  }

  private void requireFreeEmail(Handle h, Customer c) {
    c.email()
        .flatMap(e -> byEmail(h, e))
        .filter(other -> !other.id().equals(c.id()))
        .ifPresent(
            other -> {
              throw new InvalidInputException(
                  ErrorCode.DUPLICATE,
                  "e-mail " + c.email().get() + " belongs to customer " + other.id());
            });
  }

  private static void write(Handle h, Customer c, Optional<Customer> before) {
    h.createUpdate(
            "INSERT INTO customers VALUES (:id, :e, :g, :a, CAST(:doc AS jsonb)) ON CONFLICT (customer_id)"
                + " DO UPDATE SET email = :e, group_id = :g, anonymised = :a, document = CAST(:doc AS jsonb)")
        .bind("id", c.id().value())
        .bind("e", c.email().orElse(null))
        .bind("g", c.group().map(CustomerGroupId::value).orElse(null))
        .bind("a", c.anonymised())
        .bind("doc", DocumentJson.write(c))
        .execute();
    Audit.record(h, "customer", c.id().value(), before, Optional.of(c));
  }

  @Override
  public Optional<Customer> find(CustomerId id) {
    return work.with(h -> find(h, id));
  }

  private static Optional<Customer> find(Handle h, CustomerId id) {
    return h.createQuery("SELECT document::text FROM customers WHERE customer_id = :id")
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(d -> DocumentJson.read(d, Customer.class));
  }

  @Override
  public Optional<Customer> findByEmail(String email) {
    return work.with(h -> byEmail(h, email));
  }

  private static Optional<Customer> byEmail(Handle h, String email) {
    return h.createQuery("SELECT document::text FROM customers WHERE email = :e")
        .bind("e", email.strip().toLowerCase(Locale.ROOT))
        .mapTo(String.class)
        .findOne()
        .map(d -> DocumentJson.read(d, Customer.class));
  }

  /**
   * Scrubs through {@code audit_forget_customer} (V16), which runs as the schema's owner: the
   * application role may only append to {@code audit_log}, and the function rewrites nothing but
   * the personal fields of an anonymised customer's rows.
   */
  @Override
  public int forgetCopies(CustomerId id) {
    return work.with(
        h ->
            h.createQuery("SELECT audit_forget_customer(:id)")
                .bind("id", id.value())
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public List<Customer> inGroup(CustomerGroupId group) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM customers WHERE group_id = :g ORDER BY customer_id")
                .bind("g", group.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Customer.class))
                .list());
  }
}
