package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import java.util.List;
import java.util.Optional;

/**
 * Customers and their loyalty accounts. Customers belong to the chain (a loyalty member shops in
 * every store), so these routes sit under a store to say where the change is made: a customer
 * created here is registered by the path's store, whose managers alone (and chain admins) may
 * anonymise them.
 */
public final class CustomerApi {

  private CustomerApi() {}

  /**
   * A new customer.
   *
   * @param customerId their id
   * @param name their name
   * @param email their e-mail, optional
   * @param marketingConsent whether they agree to marketing
   * @param taxId a business customer's tax (VAT) id, for B2B invoices, optional
   */
  public record CustomerRequest(
      String customerId,
      String name,
      Optional<String> email,
      boolean marketingConsent,
      Optional<String> taxId) {}

  /**
   * A customer's loyalty account.
   *
   * @param customerId the customer
   * @param balance points available
   * @param value what the points are worth
   * @param tier their tier, if any
   * @param entries the ledger, oldest first
   */
  public record LoyaltyAccount(
      String customerId,
      long balance,
      Money value,
      Optional<String> tier,
      List<LoyaltyEntry> entries) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/stores/{storeId}/customers")
            .errors(ErrorCode.DUPLICATE)
            .doc("customers", "Create a customer (enrolled in loyalty when the programme runs)")
            .body(CustomerRequest.class)
            .returns(Customer.class)
            .created()
            .to(
                call -> {
                  CustomerRequest r = call.body(CustomerRequest.class);
                  Customer c =
                      Customer.of(
                              StoreApi.required(r.customerId(), "customerId"),
                              r.name(),
                              s.engine().clock().instant())
                          .consent(r.marketingConsent(), s.engine().clock().instant());
                  if (r.email() != null && r.email().isPresent()) {
                    c = c.withEmail(r.email().get());
                  }
                  if (r.taxId() != null && r.taxId().isPresent()) {
                    c = c.withTaxId(r.taxId().get());
                  }
                  return s.engine().customers().create(call.store(), c);
                }),
        route(GET, "/api/v1/stores/{storeId}/customers/{customerId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("customers", "One customer")
            .returns(Customer.class)
            .to(call -> customer(s, call)),
        route(POST, "/api/v1/stores/{storeId}/customers/{customerId}/anonymise")
            .errors(ErrorCode.NOT_FOUND)
            .doc(
                "customers",
                "Remove a customer's personal data, from the audit trail's copies too; their sales"
                    + " remain. A manager of the store that registered the customer, or an admin"
                    + " with a token for every store")
            .role(Role.MANAGER)
            .returns(Customer.class)
            .to(call -> s.engine().customers().anonymise(call.store(), erasable(s, call).id())),
        route(GET, "/api/v1/stores/{storeId}/customers/{customerId}/loyalty")
            .errors(ErrorCode.NOT_FOUND)
            .doc("loyalty", "A customer's points, their value, tier and ledger")
            .returns(LoyaltyAccount.class)
            .to(
                call -> {
                  Customer c = customer(s, call);
                  Loyalty loyalty =
                      s.engine()
                          .loyalty()
                          .orElseThrow(() -> ApiProblem.notFound("no loyalty programme runs"));
                  String id = c.id().value();
                  Money zero =
                      Money.zero(
                          s.engine()
                              .stores()
                              .find(call.store())
                              .orElseThrow(() -> ApiProblem.notFound("no store " + call.store()))
                              .currency());
                  long balance = loyalty.balance(id);
                  return new LoyaltyAccount(
                      id,
                      balance,
                      loyalty.valueOf(balance),
                      loyalty
                          .tier(id, zero, s.engine().clock().instant())
                          .map(t -> t.tier().value()),
                      loyalty.ledger().entries(id));
                }));
  }

  /**
   * The customer of the path, if this call may erase them: customers are the chain's and any member
   * of staff reads them (a loyalty member shops at any till), but erasing a person is for a manager
   * of the store that registered them ({@link Customer#erasableBy}), or an admin with a token for
   * every store, who may erase anyone (customers of no recorded store included). The refusal names
   * no store.
   */
  private static Customer erasable(ServerContext s, ApiCall call) {
    Customer c = customer(s, call);
    Principal p = call.principal();
    boolean chainAdmin = p.role() == Role.ADMIN && p.stores().contains(Principal.ALL_STORES);
    if (!chainAdmin && !c.erasableBy(call.store())) {
      throw ApiProblem.forbidden(
          "customer "
              + c.id()
              + " was not registered by store "
              + call.store()
              + ": only a manager of the store that registered them, or an admin with a token for"
              + " every store, may anonymise them");
    }
    return c;
  }

  private static Customer customer(ServerContext s, ApiCall call) {
    return s.engine()
        .customers()
        .customers()
        .find(CustomerId.of(call.path("customerId")))
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no customer " + call.path("customerId")));
  }
}
