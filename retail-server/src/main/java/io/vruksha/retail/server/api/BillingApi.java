package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Invoices and their payments. */
public final class BillingApi {

  private BillingApi() {}

  /**
   * A payment against an invoice.
   *
   * @param amount what was paid
   * @param method how (bank transfer, card, cash)
   * @param reference the payment's reference (bank statement line, terminal id)
   */
  public record PaymentRequest(MoneyIn amount, String method, String reference) {}

  /**
   * A B2B invoice: goods delivered now, paid later.
   *
   * @param customerId the customer invoiced (their tax id is printed)
   * @param lines what is invoiced
   * @param paymentTermsDays days until it is due (default 30)
   */
  public record InvoiceRequest(
      String customerId, List<SaleApi.LineRequest> lines, Optional<Integer> paymentTermsDays) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/invoices")
            .doc(
                "invoices",
                "The store's invoices and credit notes, newest first, or one by its number")
            .role(Role.SUPERVISOR)
            .query(QueryParam.text("number", "the invoice's number, e.g. S001-2026-000002"))
            .returns(Invoice[].class)
            .to(
                call ->
                    call.query("number").isPresent()
                        ? s
                            .engine()
                            .billing()
                            .invoices()
                            .find(call.store(), call.query("number").get())
                            .filter(i -> i.store().equals(call.store()))
                            .stream()
                            .toList()
                        : s.engine().billing().invoices().list(call.store()).stream()
                            .sorted(Comparator.comparing(Invoice::issuedAt).reversed())
                            .toList()),
        route(POST, "/api/v1/stores/{storeId}/invoices")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.SKU_UNKNOWN,
                ErrorCode.PRODUCT_BLOCKED,
                ErrorCode.PRICE_NOT_FOUND,
                ErrorCode.TAX_RULE_MISSING,
                ErrorCode.CURRENCY_MISMATCH,
                ErrorCode.QUANTITY_PRECISION)
            .doc("invoices", "Issue a B2B invoice: stock leaves now, payment is due later")
            .role(Role.MANAGER)
            .body(InvoiceRequest.class)
            .returns(Invoice.class)
            .created()
            .to(
                call -> {
                  InvoiceRequest r = call.body(InvoiceRequest.class);
                  int days = r.paymentTermsDays() == null ? 30 : r.paymentTermsDays().orElse(30);
                  if (days < 0 || days > 365) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "paymentTermsDays is 0 to 365",
                        List.of("paymentTermsDays"));
                  }
                  return s.engine()
                      .billing()
                      .issue(
                          CustomerId.of(StoreApi.required(r.customerId(), "customerId")),
                          SaleApi.basket(
                              s, call.store(), r.lines(), Optional.empty(), Optional.empty()),
                          Duration.ofDays(days),
                          call.actor());
                }),
        route(GET, "/api/v1/stores/{storeId}/invoices/{number}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("invoices", "One invoice or credit note, with its payments")
            .returns(Invoice.class)
            .to(call -> invoice(s, call)),
        route(POST, "/api/v1/stores/{storeId}/invoices/{number}/payments")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.TENDER_INVALID, ErrorCode.CURRENCY_MISMATCH)
            .doc("invoices", "Record a payment against an invoice")
            .role(Role.SUPERVISOR)
            .body(PaymentRequest.class)
            .returns(Invoice.class)
            .created()
            .idempotent()
            .to(
                call -> {
                  PaymentRequest p = call.body(PaymentRequest.class);
                  if (p.amount() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "amount is required", List.of("amount"));
                  }
                  Invoice invoice = invoice(s, call);
                  String reference = StoreApi.required(p.reference(), "reference");
                  // a retry with the same key finds its payment already booked; the key reused for
                  // another payment is refused
                  String tag = " [" + call.idempotencyKey() + "]";
                  String keyed = reference + tag;
                  var booked =
                      invoice.payments().stream()
                          .filter(x -> x.reference().endsWith(tag))
                          .findFirst();
                  if (booked.isPresent()) {
                    if (booked.get().reference().equals(keyed)
                        && booked.get().amount().equals(Views.money(p.amount(), "amount"))
                        && booked.get().method().equals(p.method())) {
                      return invoice;
                    }
                    throw new InvalidInputException(
                        ErrorCode.IDEMPOTENCY_MISMATCH,
                        "idempotency key '"
                            + call.idempotencyKey()
                            + "' was already used for a different payment");
                  }
                  return s.engine()
                      .billing()
                      .pay(
                          call.store(),
                          invoice.number(),
                          Views.money(p.amount(), "amount"),
                          StoreApi.required(p.method(), "method"),
                          keyed);
                }));
  }

  private static Invoice invoice(ServerContext s, ApiCall call) {
    return Views.inStore(
        s.engine().billing().invoices().find(call.store(), call.path("number")),
        Invoice::store,
        call.store(),
        "invoice " + call.path("number"));
  }
}
