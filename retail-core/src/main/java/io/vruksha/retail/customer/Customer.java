package io.vruksha.retail.customer;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.tax.TaxExemption;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer of the tenant: contact details, group, tax exemption, B2B tax id and marketing
 * consent. Anonymisation keeps the record (sales still point to it) and removes the personal data.
 *
 * @param id the identity
 * @param name the name ("anonymised" once anonymised)
 * @param email e-mail address
 * @param phone phone number
 * @param group customer group (trade prices, staff promotions)
 * @param taxExemption a tax-exemption certificate
 * @param taxId a business customer's tax id (VAT id), printed on B2B invoices
 * @param marketingConsent whether they agreed to marketing
 * @param consentAt when consent was last given or withdrawn
 * @param createdAt when the customer was created
 * @param anonymised whether personal data was removed
 */
public record Customer(
    CustomerId id,
    String name,
    Optional<String> email,
    Optional<String> phone,
    Optional<CustomerGroupId> group,
    Optional<TaxExemption> taxExemption,
    Optional<String> taxId,
    boolean marketingConsent,
    Optional<Instant> consentAt,
    Instant createdAt,
    boolean anonymised) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Validates the name and e-mail and normalises the e-mail to lower case. */
  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(taxExemption, "taxExemption");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(consentAt, "consentAt");
    Objects.requireNonNull(createdAt, "createdAt");
    consentAt = consentAt.map(Instants::micros);
    createdAt = Instants.micros(createdAt);
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "customer " + id + " needs a name of 1 to 200 characters");
    }
    email = email.map(e -> e.strip().toLowerCase(java.util.Locale.ROOT));
    email.ifPresent(
        e -> {
          if (!EMAIL.matcher(e).matches()) {
            throw new InvalidInputException(
                ErrorCode.VALIDATION, "'" + e + "' is not an e-mail address");
          }
        });
  }

  /** A new customer with a name only. */
  public static Customer of(String id, String name, Instant createdAt) {
    return new Customer(
        CustomerId.of(id),
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        createdAt,
        false);
  }

  /** This customer with an e-mail address. */
  public Customer withEmail(String newEmail) {
    return new Customer(
        id,
        name,
        Optional.of(newEmail),
        phone,
        group,
        taxExemption,
        taxId,
        marketingConsent,
        consentAt,
        createdAt,
        anonymised);
  }

  /** This customer in a group. */
  public Customer inGroup(CustomerGroupId newGroup) {
    return new Customer(
        id,
        name,
        email,
        phone,
        Optional.of(newGroup),
        taxExemption,
        taxId,
        marketingConsent,
        consentAt,
        createdAt,
        anonymised);
  }

  /** This customer with a tax-exemption certificate. */
  public Customer exemptBy(TaxExemption exemption) {
    return new Customer(
        id,
        name,
        email,
        phone,
        group,
        Optional.of(exemption),
        taxId,
        marketingConsent,
        consentAt,
        createdAt,
        anonymised);
  }

  /** This customer with a B2B tax id. */
  public Customer withTaxId(String newTaxId) {
    return new Customer(
        id,
        name,
        email,
        phone,
        group,
        taxExemption,
        Optional.of(newTaxId),
        marketingConsent,
        consentAt,
        createdAt,
        anonymised);
  }

  /** This customer having given or withdrawn marketing consent at {@code at}. */
  public Customer consent(boolean given, Instant at) {
    return new Customer(
        id,
        name,
        email,
        phone,
        group,
        taxExemption,
        taxId,
        given,
        Optional.of(at),
        createdAt,
        anonymised);
  }

  /** This customer with the personal data removed; the id, group and creation date stay. */
  public Customer anonymise() {
    return new Customer(
        id,
        "anonymised",
        Optional.empty(),
        Optional.empty(),
        group,
        Optional.empty(),
        Optional.empty(),
        false,
        consentAt,
        createdAt,
        true);
  }
}
