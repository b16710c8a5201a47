package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardCode;
import io.vruksha.retail.giftcard.GiftCardEntry;
import io.vruksha.retail.giftcard.GiftCardLiability;
import io.vruksha.retail.giftcard.GiftCardProduct;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Gift cards: the SKUs that sell them, balance enquiries and reloads at the till, the codes of the
 * cards a sale or return issued (to print), the manager's listing, ledger, cancellation, expiry run
 * and lock-out lift, and the liability report. Cards are sold as lines of a sale ({@code POST
 * /sales}) and spent as a {@code GIFT_CARD} tender; codes travel in request bodies, never in paths
 * or query strings, and every listing shows them masked.
 */
public final class GiftCardApi {

  private GiftCardApi() {}

  /**
   * A SKU that sells gift cards.
   *
   * @param sku the SKU (in the catalogue, best in a tax category without VAT)
   * @param validityMonths how long a card sold on it is valid, 1 to 120
   */
  public record ProductBody(String sku, Integer validityMonths) {}

  /**
   * A card's code, as entered at the till.
   *
   * @param code the code (spaces and dashes allowed)
   */
  public record CodeBody(String code) {}

  /**
   * A reload.
   *
   * @param code the card's code
   * @param amount what is added
   * @param reference what paid for it (a receipt or payment reference), optional
   */
  public record ReloadBody(String code, MoneyIn amount, Optional<String> reference) {}

  /**
   * A source whose lock-out a manager lifts.
   *
   * @param source the source, e.g. {@code staff:anna}
   */
  public record UnlockBody(String source) {}

  /**
   * A card as listings show it: the code masked.
   *
   * @param id the card's id
   * @param maskedCode the code with all but its last four characters hidden
   * @param balance what is left on it
   * @param status ACTIVE, EXPIRED or CANCELLED
   * @param expired whether its expiry has passed (an ACTIVE card past it is refused at the till)
   * @param origin SOLD, REFUND or IMPORTED
   * @param reference the sale, return or import it came from
   * @param issuedAt when it was activated
   * @param expiresAt from when it can no longer be redeemed
   */
  public record GiftCardView(
      String id,
      String maskedCode,
      Money balance,
      GiftCard.Status status,
      boolean expired,
      GiftCard.Origin origin,
      String reference,
      Instant issuedAt,
      Instant expiresAt) {
    static GiftCardView of(GiftCard c, Instant now) {
      return new GiftCardView(
          c.id(),
          c.maskedCode(),
          c.balance(),
          c.status(),
          c.expiredAt(now),
          c.origin(),
          c.reference(),
          c.issuedAt(),
          c.expiresAt());
    }
  }

  /**
   * A card a sale or return issued, with its whole code, to print it for the customer.
   *
   * @param id the card's id
   * @param code the code, in groups of four as printed
   * @param balance its value
   * @param expiresAt from when it can no longer be redeemed
   */
  public record IssuedCardView(String id, String code, Money balance, Instant expiresAt) {}

  /**
   * A card and its ledger, oldest entry first; the entries' amounts add up to the balance.
   *
   * @param card the card
   * @param ledger its entries
   */
  public record LedgerView(GiftCardView card, List<GiftCardEntry> ledger) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    String cards = "/api/v1/stores/{storeId}/gift-cards";
    return List.of(
        route(POST, "/api/v1/gift-card-products")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc(
                "gift cards",
                "Make a SKU sell gift cards valid for validityMonths (an admin token for every"
                    + " store)")
            .anyStore(Role.ADMIN)
            .body(ProductBody.class)
            .returns(GiftCardProduct.class)
            .to(
                call -> {
                  ProductBody b = call.body(ProductBody.class);
                  Sku sku = ChainSkuSettings.knownSku(s, call, "gift card SKUs", b.sku());
                  if (b.validityMonths() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "validityMonths is required",
                        List.of("validityMonths"));
                  }
                  return s.engine()
                      .giftCards()
                      .sellAs(new GiftCardProduct(sku, b.validityMonths()));
                }),
        route(POST, cards + "/balance")
            .errors(ErrorCode.GIFT_CARD_INVALID, ErrorCode.GIFT_CARD_LOCKED)
            .doc(
                "gift cards",
                "Balance enquiry by code (wrong codes count toward the caller's lock-out: 422, then"
                    + " 429)")
            .body(CodeBody.class)
            .returns(GiftCardView.class)
            .to(
                call -> {
                  CodeBody b = call.body(CodeBody.class);
                  GiftCard c =
                      s.engine()
                          .giftCards()
                          .balance(call.store(), StoreApi.required(b.code(), "code"), source(call));
                  return GiftCardView.of(c, Instant.now(s.engine().clock()));
                }),
        route(POST, cards + "/reload")
            .errors(
                ErrorCode.GIFT_CARD_INVALID,
                ErrorCode.GIFT_CARD_EXPIRED,
                ErrorCode.GIFT_CARD_LOCKED,
                ErrorCode.CURRENCY_MISMATCH,
                ErrorCode.IDEMPOTENCY_MISMATCH,
                ErrorCode.DUPLICATE)
            .doc("gift cards", "Add money to a card by code, once per Idempotency-Key")
            .idempotent()
            .body(ReloadBody.class)
            .returns(GiftCardView.class)
            .to(
                call -> {
                  ReloadBody b = call.body(ReloadBody.class);
                  if (b.amount() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "amount is required", List.of("amount"));
                  }
                  GiftCard c =
                      s.engine()
                          .giftCards()
                          .reload(
                              call.store(),
                              StoreApi.required(b.code(), "code"),
                              b.amount().toMoney("amount"),
                              call.idempotencyKey(),
                              b.reference() == null ? "" : b.reference().orElse(""),
                              call.actor(),
                              source(call));
                  return GiftCardView.of(c, Instant.now(s.engine().clock()));
                }),
        route(GET, "/api/v1/stores/{storeId}/issued-gift-cards/{issuedBy}")
            .errors(ErrorCode.NOT_FOUND)
            .doc(
                "gift cards",
                "The cards a sale or return issued, with their whole codes, to print them")
            .returns(IssuedCardView[].class)
            .to(
                call ->
                    s.engine().giftCards().issued(call.store(), call.path("issuedBy")).stream()
                        .map(
                            c ->
                                new IssuedCardView(
                                    c.id(),
                                    GiftCardCode.grouped(c.code()),
                                    c.balance(),
                                    c.expiresAt()))
                        .toList()),
        route(GET, cards)
            .doc("gift cards", "The store's cards, oldest first, codes masked")
            .role(Role.MANAGER)
            .returns(GiftCardView[].class)
            .to(
                call -> {
                  Instant now = Instant.now(s.engine().clock());
                  return s.engine().giftCards().list(call.store()).stream()
                      .map(c -> GiftCardView.of(c, now))
                      .toList();
                }),
        route(GET, cards + "/{cardId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("gift cards", "A card and its ledger (who, when, which sale or return, how much)")
            .role(Role.MANAGER)
            .returns(LedgerView.class)
            .to(
                call -> {
                  String id = call.path("cardId");
                  GiftCard c = s.engine().giftCards().card(call.store(), id);
                  return new LedgerView(
                      GiftCardView.of(c, Instant.now(s.engine().clock())),
                      s.engine().giftCards().ledger(call.store(), id));
                }),
        route(POST, cards + "/{cardId}/cancel")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.GIFT_CARD_INVALID,
                ErrorCode.PERMISSION_REQUIRED,
                ErrorCode.IDEMPOTENCY_MISMATCH,
                ErrorCode.DUPLICATE)
            .doc(
                "gift cards",
                "Cancel a card (lost, stolen): what is left is written off; once per"
                    + " Idempotency-Key")
            .role(Role.MANAGER)
            .idempotent()
            .returns(GiftCardView.class)
            .to(
                call ->
                    GiftCardView.of(
                        s.engine()
                            .giftCards()
                            .cancel(
                                call.store(),
                                call.path("cardId"),
                                call.idempotencyKey(),
                                call.actor()),
                        Instant.now(s.engine().clock()))),
        route(POST, cards + "/expire")
            .doc(
                "gift cards",
                "Expire the cards whose expiry has passed (run daily): their balances leave the"
                    + " liability")
            .role(Role.MANAGER)
            .returns(GiftCardView[].class)
            .to(
                call -> {
                  Instant now = Instant.now(s.engine().clock());
                  return s.engine().giftCards().expireDue(call.store()).stream()
                      .map(c -> GiftCardView.of(c, now))
                      .toList();
                }),
        route(POST, cards + "/unlock")
            .errors(ErrorCode.PERMISSION_REQUIRED)
            .doc("gift cards", "Lift a source's lock-out after wrong codes (staff:<id>)")
            .role(Role.MANAGER)
            .body(UnlockBody.class)
            .to(
                call -> {
                  UnlockBody b = call.body(UnlockBody.class);
                  s.engine()
                      .giftCards()
                      .unlock(call.store(), StoreApi.required(b.source(), "source"), call.actor());
                  return null;
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/gift-cards")
            .errors(ErrorCode.NOT_FOUND)
            .query(
                QueryParam.date("from", "the first day, in the store's time zone (default today)"),
                QueryParam.date("to", "the last day, inclusive (default today or from)"))
            .doc(
                "reports",
                "Gift card liability per business day: opening, issued, reloaded, redeemed,"
                    + " expired, cancelled, closing (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(GiftCardLiability.class)
            .to(
                call -> {
                  Store store =
                      s.engine()
                          .stores()
                          .find(call.store())
                          .orElseThrow(() -> ApiProblem.notFound("no store " + call.store()));
                  LocalDate[] r = ReportApi.range(call, store.zone());
                  return s.engine().giftCards().liability(store.id(), r[0], r[1]);
                }));
  }

  /** Wrong codes count against the member of staff, at the till and here alike. */
  private static String source(ApiCall call) {
    return "staff:" + call.actor().staffId();
  }
}
