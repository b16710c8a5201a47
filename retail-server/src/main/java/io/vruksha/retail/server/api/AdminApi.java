package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.api.PromotionRequest;
import io.vruksha.retail.api.Promotions;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.tax.InclusiveSplit;
import io.vruksha.retail.tax.TaxInclusion;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLevy;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRoundingLevel;
import io.vruksha.retail.tax.TaxRule;
import io.vruksha.retail.tax.TaxThreshold;
import io.vruksha.retail.tax.TaxTreatment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Defining promotions and a store's tax rules: configuration an admin token for every store sets.
 */
public final class AdminApi {

  private AdminApi() {}

  /**
   * A tax rate.
   *
   * @param code its code, e.g. DE19
   * @param name the receipt's name
   * @param rate the rate, e.g. "0.19"
   * @param compound whether it is charged on the other taxes too
   * @param inclusion AS_PRICED (default: extracted from a gross price) or ON_TOP (always added)
   * @param threshold the unit prices it applies to, if only some
   */
  public record RateRequest(
      String code,
      String name,
      BigDecimal rate,
      Optional<Boolean> compound,
      Optional<String> inclusion,
      Optional<ThresholdRequest> threshold) {}

  /**
   * When a rate applies, by the line's price per unit: New York's clothing rate is {@code
   * {"kind":"AT_OR_ABOVE","amount":"110.00"}}.
   *
   * @param kind AT_OR_ABOVE or BELOW
   * @param amount the price per unit
   */
  public record ThresholdRequest(String kind, BigDecimal amount) {}

  /**
   * A fixed amount per unit charged on the category's lines (a deposit, an eco-fee).
   *
   * @param code its code, e.g. PFAND025
   * @param name the receipt's name
   * @param amount the amount per unit, stated as the line is priced (gross on a gross price)
   * @param per EACH (default), KILOGRAM, LITRE or METRE; the line's unit must match
   * @param taxedAs the tax category whose rule taxes it (the item's own for "taxed like the goods")
   * @param inclusion ON_TOP (default: added to the price, a deposit) or AS_PRICED (in the price)
   */
  public record LevyRequest(
      String code,
      String name,
      MoneyIn amount,
      Optional<String> per,
      String taxedAs,
      Optional<String> inclusion) {}

  /**
   * The rule for a tax category.
   *
   * @param category the tax category, e.g. standard
   * @param treatment STANDARD, ZERO_RATED or EXEMPT
   * @param rates the rates (STANDARD only)
   * @param levies fixed amounts per unit on the category's lines
   */
  public record RuleRequest(
      String category,
      String treatment,
      Optional<List<RateRequest>> rates,
      Optional<List<LevyRequest>> levies) {}

  /**
   * A store's tax jurisdiction.
   *
   * @param code its code, e.g. DE
   * @param name its name
   * @param pricesIncludeTax whether shelf prices include tax
   * @param roundingLevel LINE (default) or DOCUMENT
   * @param roundingMode HALF_UP (default), HALF_EVEN, ...
   * @param rules one rule per tax category
   * @param inclusiveSplit ROUND_TAXES (default) or ROUND_NET (LINE rounding only)
   */
  public record TaxRequest(
      String code,
      String name,
      boolean pricesIncludeTax,
      Optional<String> roundingLevel,
      Optional<String> roundingMode,
      List<RuleRequest> rules,
      Optional<String> inclusiveSplit) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/promotions")
            .errors(ErrorCode.PROMOTION_INVALID)
            .doc("pricing", "Create or replace a promotion (an admin token for every store)")
            .anyStore(Role.ADMIN)
            .body(PromotionRequest.class)
            .returns(Promotion.class)
            .created()
            .to(
                call -> {
                  requireAllStores(call);
                  Promotion p = Promotions.promotion(call.body(PromotionRequest.class));
                  s.engine().definePromotion(p);
                  return p;
                }),
        route(DELETE, "/api/v1/promotions/{promotionId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("pricing", "End a promotion")
            .anyStore(Role.ADMIN)
            .returns(Void.class)
            .to(
                call -> {
                  requireAllStores(call);
                  PromotionId id = PromotionId.of(call.path("promotionId"));
                  if (s.engine().promotions().find(id).isEmpty()) {
                    throw ApiProblem.notFound("no promotion " + id);
                  }
                  s.engine().promotions().remove(id);
                  s.engine().promotionsChanged();
                  return null;
                }),
        route(PUT, "/api/v1/stores/{storeId}/tax-rules")
            .errors(ErrorCode.TAX_RULE_INVALID)
            .doc("tax", "Set the store's tax jurisdiction (an admin token)")
            .role(Role.ADMIN)
            .body(TaxRequest.class)
            .returns(TaxJurisdiction.class)
            .to(
                call -> {
                  TaxJurisdiction j = jurisdiction(call.body(TaxRequest.class));
                  s.engine().taxRules().assign(call.store(), j);
                  return j;
                }));
  }

  private static void requireAllStores(ApiCall call) {
    if (!call.principal().stores().contains(Principal.ALL_STORES)) {
      throw ApiProblem.forbidden("promotions serve every store: use a token for every store");
    }
  }

  private static <T> Optional<T> opt(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  static TaxJurisdiction jurisdiction(TaxRequest r) {
    TaxJurisdiction.Builder b =
        TaxJurisdiction.builder(
                StoreApi.required(r.code(), "code"), StoreApi.required(r.name(), "name"))
            .pricesIncludeTax(r.pricesIncludeTax());
    try {
      b.rounding(
          TaxRoundingLevel.valueOf(opt(r.roundingLevel()).orElse("LINE")),
          RoundingMode.valueOf(opt(r.roundingMode()).orElse("HALF_UP")));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "roundingLevel is LINE or DOCUMENT; roundingMode HALF_UP, HALF_EVEN, ...",
          List.of("roundingLevel", "roundingMode"));
    }
    b.inclusiveSplit(
        choice(
            InclusiveSplit.class,
            opt(r.inclusiveSplit()).orElse("ROUND_TAXES"),
            "inclusiveSplit",
            "ROUND_TAXES or ROUND_NET"));
    if (r.rules() == null || r.rules().isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "rules needs at least one rule", List.of("rules"));
    }
    for (RuleRequest rule : r.rules()) {
      List<TaxRate> rates = new ArrayList<>();
      for (RateRequest rate : opt(rule.rates()).orElse(List.of())) {
        Optional<TaxThreshold> threshold =
            opt(rate.threshold())
                .map(
                    t ->
                        new TaxThreshold(
                            choice(
                                TaxThreshold.Kind.class,
                                StoreApi.required(t.kind(), "rules.rates.threshold.kind"),
                                "rules.rates.threshold.kind",
                                "AT_OR_ABOVE or BELOW"),
                            Optional.ofNullable(t.amount())
                                .orElseThrow(
                                    () ->
                                        new InvalidInputException(
                                            ErrorCode.VALIDATION,
                                            "rules.rates.threshold.amount is required",
                                            List.of("rules.rates.threshold.amount")))));
        rates.add(
            new TaxRate(
                rate.code(),
                rate.name(),
                rate.rate(),
                opt(rate.compound()).orElse(false),
                choice(
                    TaxInclusion.class,
                    opt(rate.inclusion()).orElse("AS_PRICED"),
                    "rules.rates.inclusion",
                    "AS_PRICED or ON_TOP"),
                threshold));
      }
      List<TaxLevy> levies = new ArrayList<>();
      for (LevyRequest levy : opt(rule.levies()).orElse(List.of())) {
        levies.add(
            new TaxLevy(
                levy.code(),
                levy.name(),
                Views.money(levy.amount(), "rules.levies.amount"),
                choice(
                    UnitOfMeasure.class,
                    opt(levy.per()).orElse("EACH"),
                    "rules.levies.per",
                    "EACH, KILOGRAM, LITRE or METRE"),
                TaxCategory.of(StoreApi.required(levy.taxedAs(), "rules.levies.taxedAs")),
                choice(
                    TaxInclusion.class,
                    opt(levy.inclusion()).orElse("ON_TOP"),
                    "rules.levies.inclusion",
                    "ON_TOP or AS_PRICED")));
      }
      TaxTreatment treatment;
      try {
        treatment = TaxTreatment.valueOf(StoreApi.required(rule.treatment(), "rules.treatment"));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "treatment is STANDARD, ZERO_RATED or EXEMPT",
            List.of("rules.treatment"));
      }
      b.rule(
          new TaxRule(
              TaxCategory.of(StoreApi.required(rule.category(), "rules.category")),
              treatment,
              rates,
              levies));
    }
    return b.build();
  }

  /** {@code value} as a constant of {@code type}; anything else is a 400 naming the field. */
  private static <E extends Enum<E>> E choice(
      Class<E> type, String value, String field, String allowed) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " is " + allowed + ", not '" + value + "'", List.of(field));
    }
  }
}
