package io.vruksha.retail.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxExemption;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Customers} adapter must show. */
public abstract class CustomersContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private Customers customers;

  /** A new, empty adapter for each test. */
  protected abstract Customers newCustomers();

  /** The unit of work the adapter made by the last {@link #newCustomers()} joins. */
  protected abstract UnitOfWork unitOfWork();

  /**
   * Every audit entry the adapter keeps for {@code id}, oldest first, as text: its author and the
   * record before and after, with every field.
   */
  protected abstract List<String> auditTrail(CustomerId id);

  @BeforeEach
  void setUp() {
    customers = newCustomers();
  }

  @Test
  void createdCustomersAreFoundByIdAndEmailCaseInsensitively() {
    customers.create(Customer.of("c-1", "Ada Lovelace", T0).withEmail("Ada@Example.org"));
    assertThat(customers.find(CustomerId.of("c-1"))).isPresent();
    assertThat(customers.findByEmail("ADA@example.ORG").map(Customer::id))
        .contains(CustomerId.of("c-1"));
  }

  @Test
  void duplicatesAreRefusedAndChangeNothing() {
    customers.create(Customer.of("c-1", "Ada", T0).withEmail("ada@example.org"));
    assertThatThrownBy(() -> customers.create(Customer.of("c-1", "Someone else", T0)))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE);
    assertThatThrownBy(
            () -> customers.create(Customer.of("c-2", "Bob", T0).withEmail("ADA@example.org")))
        .hasMessageContaining("belongs to customer c-1");
    assertThat(customers.find(CustomerId.of("c-1")).orElseThrow().name()).isEqualTo("Ada");
    assertThat(customers.find(CustomerId.of("c-2"))).isEmpty();
  }

  @Test
  void updatesReplaceAndUnknownCustomersAreNamed() {
    customers.create(Customer.of("c-1", "Ada", T0));
    customers.update(
        Customer.of("c-1", "Ada", T0).inGroup(CustomerGroupId.of("trade")).consent(true, T0));
    Customer c = customers.find(CustomerId.of("c-1")).orElseThrow();
    assertThat(c.marketingConsent()).isTrue();
    assertThat(c.consentAt()).contains(T0);
    assertThat(customers.inGroup(CustomerGroupId.of("trade"))).containsExactly(c);
    assertThatThrownBy(() -> customers.update(Customer.of("ghost", "G", T0)))
        .isInstanceOf(NotFoundException.class);
  }

  private static Customer ada() {
    return new Customer(
        CustomerId.of("c-1"),
        "Ada Lovelace",
        Optional.of("ada@example.org"),
        Optional.of("+44 20 7946 0018"),
        Optional.of(CustomerGroupId.of("trade")),
        Optional.of(new TaxExemption("EXEMPT-77-31", Set.of())),
        Optional.of("GB123456789"),
        true,
        Optional.of(T0),
        T0,
        false,
        Optional.of(StoreId.of("north")));
  }

  @Test
  void auditEntriesNameTheActorTheWorkRunsAsAndEngineWithoutOne() {
    customers.create(Customer.of("c-1", "Ada", T0));
    unitOfWork().actingAs("max", () -> customers.update(Customer.of("c-1", "Ada Lovelace", T0)));
    unitOfWork()
        .actingAs(
            "max",
            () ->
                unitOfWork()
                    .actingAs(
                        "cli:ops", () -> customers.update(Customer.of("c-1", "Ada King", T0))));
    List<String> trail = auditTrail(CustomerId.of("c-1"));
    assertThat(trail).hasSize(3);
    assertThat(trail.get(0)).startsWith("engine ");
    assertThat(trail.get(1)).startsWith("max ");
    assertThat(trail.get(2)).startsWith("cli:ops ");
    assertThat(unitOfWork().actor()).isEmpty();
  }

  @Test
  void forgettingAnAnonymisedCustomerLeavesNoPersonalDataInAnyAuditEntry() {
    unitOfWork()
        .actingAs(
            "max",
            () -> {
              customers.create(ada());
              customers.update(ada().withEmail("ada.king@example.org"));
              customers.create(Customer.of("c-2", "Bob Babbage", T0).withEmail("bob@example.org"));
              return unitOfWork()
                  .run(
                      () -> {
                        Customer gone = customers.update(ada().anonymise());
                        // create, update, anonymise: three entries, each with a personal image
                        assertThat(customers.forgetCopies(gone.id())).isEqualTo(3);
                        return gone;
                      });
            });
    List<String> trail = auditTrail(CustomerId.of("c-1"));
    assertThat(trail).hasSize(3).allSatisfy(entry -> assertThat(entry).startsWith("max "));
    for (String personal :
        List.of(
            "Lovelace",
            "ada@example.org",
            "ada.king@example.org",
            "7946",
            "GB123456789",
            "EXEMPT-77-31")) {
      assertThat(trail).noneMatch(entry -> entry.contains(personal));
    }
    // what is not personal stays: the group, the registering store
    assertThat(trail).allMatch(entry -> entry.contains("trade") && entry.contains("north"));
    // another customer's trail is theirs still
    assertThat(auditTrail(CustomerId.of("c-2")))
        .singleElement()
        .satisfies(entry -> assertThat(entry).contains("Bob Babbage", "bob@example.org"));
    assertThat(customers.forgetCopies(CustomerId.of("c-1"))).isZero(); // nothing left to scrub
  }

  @Test
  void theTrailOfACustomerOnTheBooksIsNotRewritten() {
    customers.create(ada());
    assertThat(customers.forgetCopies(CustomerId.of("c-1"))).isZero();
    assertThat(customers.forgetCopies(CustomerId.of("nobody"))).isZero();
    assertThat(auditTrail(CustomerId.of("c-1")))
        .singleElement()
        .satisfies(entry -> assertThat(entry).contains("Ada Lovelace", "ada@example.org"));
  }

  @Test
  void aScrubRolledBackWithItsUnitOfWorkLeavesTheTrailAsItWas() {
    customers.create(ada());
    List<String> before = auditTrail(CustomerId.of("c-1"));
    try {
      unitOfWork()
          .run(
              () -> {
                customers.update(ada().anonymise());
                customers.forgetCopies(CustomerId.of("c-1"));
                throw new IllegalStateException("the unit of work fails after the scrub");
              });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    assertThat(customers.find(CustomerId.of("c-1")).orElseThrow().name()).isEqualTo("Ada Lovelace");
    assertThat(auditTrail(CustomerId.of("c-1"))).isEqualTo(before);
  }
}
