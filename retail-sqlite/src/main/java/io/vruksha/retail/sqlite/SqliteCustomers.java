package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link Customers} on SQLite: each customer a JSON document with its e-mail and group beside it,
 * and every change written to {@code audit_log} (who, the record before and after) in the same unit
 * of work; {@link #forgetCopies} scrubs the personal fields of an anonymised customer's entries as
 * {@link Customer#withoutPersonalData} does. Groups list customers in the order they were created,
 * as the in-memory adapter does. Thread-safe.
 */
public final class SqliteCustomers implements Customers, JoinsUnitOfWork {

  private static final String ENTITY = "customer";

  private final SqliteUnitOfWork work;

  /** The customers of {@code db}. */
  public SqliteCustomers(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Customer create(Customer c) {
    return work.write(
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
    return work.write(
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

  private static void requireFreeEmail(Handle h, Customer c) {
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
            "INSERT INTO customers (customer_id, email, group_id, anonymised, document)"
                + " VALUES (:id, :e, :g, :a, :doc) ON CONFLICT (customer_id) DO UPDATE SET"
                + " email = :e, group_id = :g, anonymised = :a, document = :doc")
        .bind("id", c.id().value())
        .bind("e", c.email().orElse(null))
        .bind("g", c.group().map(CustomerGroupId::value).orElse(null))
        .bind("a", c.anonymised() ? 1 : 0)
        .bind("doc", DocumentJson.write(c))
        .execute();
    SqliteAudit.record(h, ENTITY, c.id().value(), before, Optional.of(c));
  }

  @Override
  public Optional<Customer> find(CustomerId id) {
    return work.with(h -> find(h, id));
  }

  private static Optional<Customer> find(Handle h, CustomerId id) {
    return h.createQuery("SELECT document FROM customers WHERE customer_id = :id")
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
    return h.createQuery("SELECT document FROM customers WHERE email = :e")
        .bind("e", email.strip().toLowerCase(Locale.ROOT))
        .mapTo(String.class)
        .findOne()
        .map(d -> DocumentJson.read(d, Customer.class));
  }

  /**
   * Rewrites, in the running unit of work, each audit entry of an anonymised customer whose image
   * before or after still carries personal data, with both images {@link
   * Customer#withoutPersonalData without it}; the actor and time of the entry stay.
   */
  @Override
  public int forgetCopies(CustomerId id) {
    return work.write(
        h -> {
          boolean anonymised =
              find(h, id).map(Customer::anonymised).orElse(false); // a living trail stays
          if (!anonymised) {
            return 0;
          }
          List<Entry> entries =
              h.createQuery(
                      "SELECT id, before, after FROM audit_log"
                          + " WHERE entity = :e AND entity_id = :id ORDER BY id")
                  .bind("e", ENTITY)
                  .bind("id", id.value())
                  .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3)))
                  .list();
          int scrubbed = 0;
          for (Entry e : entries) {
            String before = scrub(e.before());
            String after = scrub(e.after());
            if (!Objects.equals(before, e.before()) || !Objects.equals(after, e.after())) {
              h.createUpdate("UPDATE audit_log SET before = :b, after = :a WHERE id = :id")
                  .bind("b", before)
                  .bind("a", after)
                  .bind("id", e.id())
                  .execute();
              scrubbed++;
            }
          }
          return scrubbed;
        });
  }

  private record Entry(long id, String before, String after) {}

  /** The image without personal data; the same text when it has none (or there is no image). */
  private static String scrub(String image) {
    if (image == null) {
      return null;
    }
    Customer c = DocumentJson.read(image, Customer.class);
    Customer clean = c.withoutPersonalData();
    return clean.equals(c) ? image : DocumentJson.write(clean);
  }

  @Override
  public List<Customer> inGroup(CustomerGroupId group) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM customers WHERE group_id = :g"
                        + " ORDER BY customer_id COLLATE JAVA")
                .bind("g", group.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Customer.class))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
