package io.vruksha.retail.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Customers} adapter must show. */
public abstract class CustomersContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private Customers customers;

  /** A new, empty adapter for each test. */
  protected abstract Customers newCustomers();

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
}
