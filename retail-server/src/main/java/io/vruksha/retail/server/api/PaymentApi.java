package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.notification.WebhookSignature;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checkouts paid through payment providers (card terminals, buy now pay later, crypto): begin, look
 * at, poll, cancel, the store's payments, and the providers' callbacks. A callback carries no
 * token: it is accepted on its signature alone ({@value WebhookSignature#HEADER}, verified by the
 * provider's adapter over the exact body), on this one path per store and provider.
 */
public final class PaymentApi {

  private PaymentApi() {}

  /** The path of the providers' callbacks: the one route of a store that takes no token. */
  public static final String CALLBACK_PATH =
      "/api/v1/stores/{storeId}/payments/callbacks/{provider}";

  /**
   * How (part of) a pending checkout is paid.
   *
   * @param type CASH; CARD (with {@code reference}: a terminal outside the engine already approved
   *     it; without: the store's card terminal is asked); BNPL or CRYPTO (the store's provider);
   *     POINTS, STORE_CREDIT and GIFT_CARD are refused ({@code sale.tender_invalid}): pay them at
   *     the till
   * @param amount the amount (cash: what was handed over)
   * @param reference the reference of a card already approved outside the engine (CARD)
   * @param instrument what the provider needs to find the customer's means of payment (a card
   *     number on a test terminal, a token, a phone number); never stored
   */
  public record PaymentTender(
      SaleApi.TenderType type,
      Optional<MoneyIn> amount,
      Optional<String> reference,
      Optional<String> instrument) {}

  /**
   * A sale that waits for its payment. The {@code Idempotency-Key} header makes a retry safe.
   *
   * @param lines the lines
   * @param customerId the customer, optional
   * @param coupons coupon codes, optional
   * @param tenders how it is paid: at least one through a provider, the rest in cash or card
   *     references
   * @param shiftId the register shift it belongs to, optional
   */
  public record PaymentCheckoutRequest(
      List<SaleApi.LineRequest> lines,
      Optional<String> customerId,
      Optional<List<String>> coupons,
      List<PaymentTender> tenders,
      Optional<String> shiftId) {}

  /**
   * A payment taken through a provider.
   *
   * @param id its id (the provider's idempotency key)
   * @param checkoutId the pending checkout it pays
   * @param type CARD, BNPL or CRYPTO
   * @param provider the provider's name
   * @param state PENDING, AUTHORIZED, CAPTURED, DECLINED, EXPIRED, VOIDED or REFUNDED
   * @param amount what it pays toward the sale
   * @param refunded what has been paid back
   * @param reference the provider's reference, empty until it gave one
   * @param action what the customer must do: a hosted approval page, a wallet address; else empty
   * @param createdAt when it was asked for
   * @param updatedAt its last change
   * @param saleId the sale it paid, once completed
   */
  public record PaymentView(
      String id,
      String checkoutId,
      SaleApi.TenderType type,
      String provider,
      PaymentState state,
      Money amount,
      Money refunded,
      String reference,
      String action,
      Instant createdAt,
      Instant updatedAt,
      Optional<String> saleId) {
    static PaymentView of(Payment p) {
      return new PaymentView(
          p.id(),
          p.checkoutId(),
          SaleApi.TenderType.valueOf(p.kind().name()),
          p.provider(),
          p.state(),
          p.amount(),
          p.refunded(),
          p.reference(),
          p.action(),
          p.createdAt(),
          p.updatedAt(),
          p.saleId());
    }
  }

  /**
   * A checkout waiting for (or done with) its payment.
   *
   * @param id its id
   * @param store the store
   * @param status PAYMENT_PENDING (stock reserved, no receipt number yet), COMPLETED, RELEASED,
   *     EXPIRED or CANCELLED
   * @param total what the basket came to
   * @param beganAt when it began
   * @param expiresAt when it is released if not paid
   * @param saleId the sale, once completed
   * @param receiptNumber the sale's receipt number, once completed
   * @param reason why it was released or cancelled, else empty
   * @param payments its payments through providers
   */
  public record PendingCheckoutView(
      String id,
      StoreId store,
      PendingCheckout.Status status,
      Money total,
      Instant beganAt,
      Instant expiresAt,
      Optional<String> saleId,
      Optional<String> receiptNumber,
      String reason,
      List<PaymentView> payments) {
    static PendingCheckoutView of(PendingCheckout c, List<Payment> payments) {
      return new PendingCheckoutView(
          c.id(),
          c.store(),
          c.status(),
          c.total(),
          c.beganAt(),
          c.expiresAt(),
          c.saleId(),
          c.receiptNumber(),
          c.reason(),
          payments.stream().map(PaymentView::of).toList());
    }
  }

  /**
   * What a provider's callback is told.
   *
   * @param checkoutId the pending checkout the payment belongs to
   * @param status its status after the callback
   */
  public record CallbackAnswer(String checkoutId, PendingCheckout.Status status) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/stores/{storeId}/payments/checkouts")
            .errors(RouteErrors.PRICING)
            .errors(RouteErrors.CHECKOUT)
            .doc(
                "payments",
                "Begin a sale paid (in part) through a provider: stock reserved, no receipt number"
                    + " until the provider approves")
            .body(PaymentCheckoutRequest.class)
            .returns(PendingCheckoutView.class)
            .created()
            .idempotent()
            .to(call -> view(s, call.store(), begin(s, call))),
        route(GET, "/api/v1/stores/{storeId}/payments/checkouts/{checkoutId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("payments", "One pending checkout and its payments")
            .returns(PendingCheckoutView.class)
            .to(
                call ->
                    view(
                        s,
                        call.store(),
                        s.engine().payments().find(call.store(), call.path("checkoutId")))),
        route(POST, "/api/v1/stores/{storeId}/payments/checkouts/{checkoutId}/poll")
            .errors(RouteErrors.CHECKOUT)
            .errors(ErrorCode.NOT_FOUND, ErrorCode.PAYMENT_STATE)
            .doc(
                "payments",
                "Ask the providers how the checkout's payments stand; completes or releases it")
            .returns(PendingCheckoutView.class)
            .to(
                call ->
                    view(
                        s,
                        call.store(),
                        s.engine().payments().poll(call.store(), call.path("checkoutId")))),
        route(POST, "/api/v1/stores/{storeId}/payments/checkouts/{checkoutId}/cancel")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.PAYMENT_STATE)
            .doc(
                "payments",
                "Cancel a checkout still waiting for payment: payments voided, stock released")
            .returns(PendingCheckoutView.class)
            .to(
                call ->
                    view(
                        s,
                        call.store(),
                        s.engine()
                            .payments()
                            .cancel(call.store(), call.path("checkoutId"), call.actor()))),
        route(GET, "/api/v1/stores/{storeId}/payments")
            .doc("payments", "The store's payments through providers, oldest first")
            .returns(PaymentView[].class)
            .to(
                call ->
                    s.engine().payments().list(call.store()).stream()
                        .map(PaymentView::of)
                        .toList()),
        route(POST, CALLBACK_PATH)
            .errors(RouteErrors.CHECKOUT)
            .errors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.PAYMENT_STATE)
            .doc(
                "payments",
                "A provider's callback (webhook): no token, accepted on its "
                    + WebhookSignature.HEADER
                    + " signature over the exact body")
            .open()
            .returns(CallbackAnswer.class)
            .to(call -> callback(s, call)));
  }

  private static Object callback(ServerContext s, ApiCall call) {
    StoreId store = call.store();
    String body = call.context().body();
    String signature = call.context().header(WebhookSignature.HEADER);
    // a call without a token has no store scope of its own: the callback works in its path's store
    PendingCheckout c =
        EngineHost.unitOfWork(s.engine())
            .within(
                Set.of(store),
                () ->
                    s.engine().payments().callback(store, call.path("provider"), body, signature));
    return new CallbackAnswer(c.id(), c.status());
  }

  private static PendingCheckoutView view(ServerContext s, StoreId store, PendingCheckout c) {
    return PendingCheckoutView.of(c, s.engine().payments().paymentsOf(store, c.id()));
  }

  private static PendingCheckout begin(ServerContext s, ApiCall call) {
    PaymentCheckoutRequest r = call.body(PaymentCheckoutRequest.class);
    BasketRequest basket = SaleApi.basket(s, call.store(), r.lines(), r.customerId(), r.coupons());
    if (r.tenders() == null || r.tenders().isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a sale needs at least one tender", List.of("tenders"));
    }
    List<Tender> tenders = new ArrayList<>();
    for (int i = 0; i < r.tenders().size(); i++) {
      tenders.add(tender(r.tenders().get(i), "tenders[" + i + "]"));
    }
    return s.engine()
        .payments()
        .begin(
            new CheckoutRequest(
                call.idempotencyKey(),
                basket,
                tenders,
                r.shiftId() == null ? Optional.empty() : r.shiftId()),
            call.actor());
  }

  private static Tender tender(PaymentTender t, String field) {
    if (t == null || t.type() == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + ".type is required", List.of(field));
    }
    Money amount =
        (t.amount() == null ? Optional.<MoneyIn>empty() : t.amount())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        ErrorCode.VALIDATION,
                        field + ".amount is required",
                        List.of(field + ".amount")))
            .toMoney(field + ".amount");
    Optional<String> reference =
        (t.reference() == null ? Optional.<String>empty() : t.reference())
            .filter(x -> !x.isBlank());
    String instrument = t.instrument() == null ? "" : t.instrument().orElse("");
    try {
      return switch (t.type()) {
        case CASH -> new Tender.Cash(amount);
        case CARD ->
            reference.isPresent()
                ? new Tender.Card(amount, reference.get())
                : new Tender.Provider(TenderKind.CARD, amount, instrument);
        case BNPL, CRYPTO ->
            new Tender.Provider(TenderKind.valueOf(t.type().name()), amount, instrument);
        case POINTS, STORE_CREDIT, GIFT_CARD ->
            // a gift card's balance is not held while the provider decides (PaymentCheckout.begin)
            throw new InvalidInputException(
                ErrorCode.TENDER_INVALID,
                field
                    + ": "
                    + t.type()
                    + " cannot be mixed with a payment through a provider; pay it at the till",
                List.of(field + ".type"));
      };
    } catch (InvalidInputException e) {
      throw e;
    } catch (RetailException e) {
      throw new InvalidInputException(e.code(), field + ": " + e.getMessage(), List.of(field));
    }
  }
}
