package io.vruksha.retail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.postgres.PostgresBulkImport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customers: {@code customer_id,name} required, {@code email,marketing_consent,tax_id,phone,group}
 * optional. An upsert by id: a new customer is created (with its events), an existing one has the
 * given fields replaced and keeps the rest; an anonymised customer is never filled in again.
 */
final class ImportCustomers extends ImportKinds.Kind<ImportCustomers.CustomerRow> {

  /** A row read and validated. */
  record CustomerRow(
      CustomerId id,
      String name,
      Optional<String> email,
      Optional<String> phone,
      Optional<CustomerGroupId> group,
      Optional<String> taxId,
      Optional<Boolean> consent) {}

  private static final ObjectMapper PATCH_JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  ImportCustomers() {
    super(
        "customers",
        List.of("customer_id", "name"),
        List.of("email", "marketing_consent", "tax_id", "phone", "group"));
  }

  @Override
  CustomerRow parse(Map<String, String> f, long line, ImportKinds.Context c) {
    CustomerId id = CustomerId.of(ImportKinds.req(f, "customer_id"));
    CustomerRow r =
        new CustomerRow(
            id,
            ImportKinds.req(f, "name"),
            Optional.ofNullable(ImportKinds.opt(f, "email")),
            Optional.ofNullable(ImportKinds.opt(f, "phone")),
            Optional.ofNullable(ImportKinds.opt(f, "group")).map(CustomerGroupId::of),
            Optional.ofNullable(ImportKinds.opt(f, "tax_id")),
            Optional.ofNullable(ImportKinds.opt(f, "marketing_consent")).map(ImportKinds::yesNo));
    build(r, Optional.empty(), Instant.EPOCH); // validates name and e-mail
    return r;
  }

  private static Customer build(CustomerRow r, Optional<Customer> before, Instant now) {
    boolean consent = r.consent().orElse(before.map(Customer::marketingConsent).orElse(false));
    Optional<Instant> consentAt =
        before.isPresent() && before.get().marketingConsent() == consent
            ? before.get().consentAt()
            : (r.consent().isPresent() ? Optional.of(now) : Optional.empty());
    return new Customer(
        r.id(),
        r.name(),
        r.email().or(() -> before.flatMap(Customer::email)),
        r.phone().or(() -> before.flatMap(Customer::phone)),
        r.group().or(() -> before.flatMap(Customer::group)),
        before.flatMap(Customer::taxExemption),
        r.taxId().or(() -> before.flatMap(Customer::taxId)),
        consent,
        consentAt,
        before.map(Customer::createdAt).orElse(now),
        false,
        // kept; a new customer is registered by the import's store (CustomerDirectory.create)
        before.flatMap(Customer::registeredAt));
  }

  @Override
  String key(CustomerRow p) {
    return "customer " + p.id();
  }

  @Override
  PostgresBulkImport.Kind bulk() {
    return PostgresBulkImport.Kind.CUSTOMERS;
  }

  /**
   * The customer the row creates when there is none yet, and the fields it replaces in an existing
   * one (its name, and each optional field the row has; consent with its time).
   */
  @Override
  Object[] staged(CustomerRow r, ImportKinds.Context c) {
    Customer created = build(r, Optional.empty(), Instant.now());
    String json = PostgresBulkImport.json(created);
    ObjectNode full;
    try {
      full = (ObjectNode) PATCH_JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode patch = PATCH_JSON.createObjectNode();
    patch.set("name", full.get("name"));
    r.email().ifPresent(x -> patch.set("email", full.get("email")));
    r.phone().ifPresent(x -> patch.set("phone", full.get("phone")));
    r.group().ifPresent(x -> patch.set("group", full.get("group")));
    r.taxId().ifPresent(x -> patch.set("taxId", full.get("taxId")));
    if (r.consent().isPresent()) {
      patch.set("marketingConsent", full.get("marketingConsent"));
      patch.set("consentAt", full.get("consentAt"));
    }
    return new Object[] {r.id().value(), created.email().orElse(null), json, patch.toString()};
  }

  @Override
  boolean apply(CustomerRow r, ImportKinds.Context c) {
    Optional<Customer> before = c.engine.customers().customers().find(r.id());
    if (before.isPresent() && before.get().anonymised()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "customer " + r.id() + " was anonymised: their personal data is not imported again");
    }
    Customer after = build(r, before, Instant.now());
    if (before.isEmpty()) {
      c.engine.customers().create(c.store.id(), after);
      return true;
    }
    if (before.get().equals(after)) {
      return false;
    }
    c.engine.customers().update(after);
    return true;
  }
}
