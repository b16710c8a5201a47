package io.vruksha.retail.customer;

import java.util.List;
import java.util.Optional;

/**
 * Port: the tenant's customers. Implementations must be thread-safe; writes join the unit of work.
 */
public interface Customers {

  /**
   * Creates a customer.
   *
   * @throws io.vruksha.retail.InvalidInputException with {@code resource.duplicate} when the id or
   *     e-mail is taken; nothing changes
   */
  Customer create(Customer customer);

  /**
   * Replaces a customer.
   *
   * @throws io.vruksha.retail.NotFoundException when there is none with that id
   */
  Customer update(Customer customer);

  /** The customer with this id. */
  Optional<Customer> find(CustomerId id);

  /** The customer with this e-mail (case-insensitive). */
  Optional<Customer> findByEmail(String email);

  /** The customers in a group. */
  List<Customer> inGroup(CustomerGroupId group);

  /**
   * Removes an anonymised customer's personal data from every copy this adapter keeps beside the
   * record — the audit trail's images of the record before and after each change: name, e-mail,
   * phone, tax id and tax-exemption certificate go; the id, group, consent flag, dates, registering
   * store and who made each change stay. Joins the unit of work, so the record's anonymisation and
   * the scrub commit together. Does nothing for a customer who is not anonymised (the trail of a
   * living customer is not rewritten) or does not exist.
   *
   * @return how many audit entries were scrubbed
   */
  int forgetCopies(CustomerId id);
}
