package io.vruksha.retail.customer;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxExemption;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Locale;
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
 * @param registeredAt the store that registered the customer, whose managers may erase them; empty
 *     for customers registered before it was recorded (schema version 16), imported or made outside
 *     a store, whom only a chain administrator may erase
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
    boolean anonymised,
    Optional<StoreId> registeredAt) {

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
    // documents stored before schema version 16 have no such field
    registeredAt = registeredAt == null ? Optional.empty() : registeredAt;
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "customer " + id + " needs a name of 1 to 200 characters");
    }
    email = email.map(e -> e.strip().toLowerCase(Locale.ROOT));
    email.ifPresent(
        e -> {
          if (!EMAIL.matcher(e).matches()) {
            throw new InvalidInputException(
                ErrorCode.VALIDATION, "'" + e + "' is not an e-mail address");
          }
        });
  }

  /** A customer no store registered (see {@code registeredAt}). */
  public Customer(
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
    this(
        id,
        name,
        email,
        phone,
        group,
        taxExemption,
        taxId,
        marketingConsent,
        consentAt,
        createdAt,
        anonymised,
        Optional.empty());
  }

  /**
   * This customer registered by {@code store} (kept when one is recorded already: a customer has
   * one registering store for life).
   */
  public Customer registeredBy(StoreId store) {
    Objects.requireNonNull(store, "store");
    return withRegisteredAt(registeredAt.or(() -> Optional.of(store)));
  }

  /** This customer with {@code store} as the registering store, or none. */
  public Customer withRegisteredAt(Optional<StoreId> store) {
    return new Customer(
        id,
        name,
        email,
        phone,
        group,
        taxExemption,
        taxId,
        marketingConsent,
        consentAt,
        createdAt,
        anonymised,
        Objects.requireNonNull(store, "store"));
  }

  /**
   * Whether a manager of {@code store} may erase (anonymise) this customer: only the registering
   * store's. Customers are the chain's — any store reads them at its till — but erasing a person is
   * for the store that holds the relationship, or a chain administrator (a token for every store),
   * who may erase anyone, customers of no recorded store included.
   */
  public boolean erasableBy(StoreId store) {
    return registeredAt.map(store::equals).orElse(false);
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
        anonymised,
        registeredAt);
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
        anonymised,
        registeredAt);
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
        anonymised,
        registeredAt);
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
        anonymised,
        registeredAt);
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
        anonymised,
        registeredAt);
  }

  /**
   * This record without what identifies the person — name ({@code anonymised}), e-mail, phone, tax
   * id, tax-exemption certificate — and otherwise as it was: what an audit trail keeps of a change
   * once the customer is anonymised.
   */
  public Customer withoutPersonalData() {
    return new Customer(
        id,
        "anonymised",
        Optional.empty(),
        Optional.empty(),
        group,
        Optional.empty(),
        Optional.empty(),
        marketingConsent,
        consentAt,
        createdAt,
        anonymised,
        registeredAt);
  }

  /**
   * This customer with the personal data removed; the id, group, creation date and registering
   * store stay.
   */
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
        true,
        registeredAt);
  }
}
