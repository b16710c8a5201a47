package io.vruksha.retail.customer;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.curbside.CurbsideSlots;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer use cases: create (and enrol in loyalty when a programme runs), update, record
 * consent, anonymise. Each writes its events to the outbox in the same unit of work. Thread-safe
 * when its ports are.
 */
public final class CustomerDirectory {

  private final Customers customers;
  private final Optional<LoyaltyLedger> loyalty;
  private final Outbox outbox;
  private final NotificationOutbox notifications;
  private final Orders orders;
  private final CurbsideSlots curbside;
  private final UnitOfWork work;
  private final Clock clock;

  /** A directory over the given ports; {@code loyalty} is empty when no programme runs. */
  public CustomerDirectory(
      Customers customers,
      Optional<LoyaltyLedger> loyalty,
      Outbox outbox,
      NotificationOutbox notifications,
      Orders orders,
      CurbsideSlots curbside,
      UnitOfWork work,
      Clock clock) {
    this.customers = Objects.requireNonNull(customers, "customers");
    this.loyalty = Objects.requireNonNull(loyalty, "loyalty");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.curbside = Objects.requireNonNull(curbside, "curbside");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The customers port, for lookups. */
  public Customers customers() {
    return customers;
  }

  /**
   * Creates a customer registered by {@code store} (unless the record names its registering store
   * already) and, when a loyalty programme runs, enrols them.
   */
  public Customer create(StoreId store, Customer customer) {
    return work.runFor(
        store,
        () -> {
          Customer created = customers.create(customer.registeredBy(store));
          String id = created.id().value();
          publish(new DomainEvent.CustomerCreated(store, id, created.marketingConsent()), id);
          loyalty.ifPresent(
              l -> {
                l.append(
                    new LoyaltyEntry(
                        id, LoyaltyEntry.Kind.ENROL, 0, 0, "enrolment", clock.instant()));
                publish(new DomainEvent.LoyaltyEnrolled(store, id), id);
              });
          return created;
        });
  }

  /**
   * Enrols an existing customer in the loyalty programme unless they already are: for customers
   * created where no programme ran (another process, an import). True when this call enrolled them;
   * false when they already were, no programme runs, or they were anonymised.
   */
  public boolean enrol(StoreId store, CustomerId id) {
    if (loyalty.isEmpty()) {
      return false;
    }
    LoyaltyLedger ledger = loyalty.get();
    return work.runFor(
        store,
        () -> {
          Customer customer =
              customers
                  .find(id)
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no customer " + id));
          if (customer.anonymised()
              || ledger.entries(id.value()).stream()
                  .anyMatch(e -> e.kind() == LoyaltyEntry.Kind.ENROL)) {
            return false;
          }
          ledger.append(
              new LoyaltyEntry(
                  id.value(), LoyaltyEntry.Kind.ENROL, 0, 0, "enrolment", clock.instant()));
          publish(new DomainEvent.LoyaltyEnrolled(store, id.value()), id.value());
          return true;
        });
  }

  /** Replaces a customer's details. */
  public Customer update(Customer customer) {
    return work.run(() -> customers.update(customer));
  }

  /**
   * Removes a customer's personal data, keeping the record their sales point to, and scrubs it from
   * the copies the audit trail keeps ({@link Customers#forgetCopies}), from their orders' contact
   * and the names on those orders' curbside bookings ({@link Orders#forgetCustomer}, in every
   * store), and from the notifications to their e-mail address or phone ({@link
   * NotificationOutbox#forgetRecipient}: pending ones are dropped), in the same unit of work.
   * Idempotent. Who may call it is the caller's rule ({@link Customer#erasableBy}): the server lets
   * the registering store's managers and chain administrators.
   */
  public Customer anonymise(StoreId store, CustomerId id) {
    return work.runFor(
        store,
        () -> {
          Customer customer =
              customers
                  .find(id)
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no customer " + id));
          if (customer.anonymised()) {
            forgetCopies(id); // a scrub an earlier version did not make
            return customer;
          }
          Customer anonymous = customers.update(customer.anonymise());
          forgetCopies(id);
          // the notifications to their address (points earned): pending ones are not sent
          customer.email().ifPresent(notifications::forgetRecipient);
          customer.phone().ifPresent(notifications::forgetRecipient);
          publish(new DomainEvent.CustomerAnonymised(store, id.value()), id.value());
          return anonymous;
        });
  }

  /**
   * Scrubs an anonymised customer from the copies: the audit trail's, the contact of their orders
   * and the name on the curbside bookings for those orders, in every store.
   */
  private void forgetCopies(CustomerId id) {
    customers.forgetCopies(id);
    curbside.forgetNames(orders.forgetCustomer(id.value()));
  }

  private void publish(DomainEvent event, String correlation) {
    outbox.append(EventEnvelope.of(event, clock.instant(), correlation));
  }
}
