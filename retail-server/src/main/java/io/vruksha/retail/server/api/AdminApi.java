package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.promotion.Eligibility;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.promotion.Target;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.auth.Principal;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StoreId;
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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Defining promotions and a store's tax rules: configuration an admin token for every store sets.
 */
public final class AdminApi {

  private AdminApi() {}

  /**
   * When a promotion applies; every field optional, absent meaning no condition.
   *
   * @param from first instant
   * @param until last instant
   * @param days days of the week
   * @param fromTime daily window start
   * @param untilTime daily window end
   * @param stores the stores it runs in (all when empty)
   * @param customerGroups customer groups
   * @param loyaltyTiers loyalty tiers
   * @param requiresCoupon whether a coupon must be scanned
   */
  public record EligibilityRequest(
      Optional<Instant> from,
      Optional<Instant> until,
      Optional<Set<DayOfWeek>> days,
      Optional<LocalTime> fromTime,
      Optional<LocalTime> untilTime,
      Optional<Set<String>> stores,
      Optional<Set<String>> customerGroups,
      Optional<Set<String>> loyaltyTiers,
      Optional<Boolean> requiresCoupon) {}

  /**
   * What a promotion or reward applies to.
   *
   * @param skus SKUs
   * @param categories categories (and their children)
   * @param wholeBasket the whole basket
   */
  public record TargetRequest(
      Optional<Set<String>> skus,
      Optional<Set<String>> categories,
      Optional<Boolean> wholeBasket) {}

  /**
   * One tier of a spend threshold.
   *
   * @param spend the spend that reaches it
   * @param amountOff the amount off, or
   * @param percentOff the percentage off
   */
  public record TierRequest(
      Views.MoneyIn spend, Optional<Views.MoneyIn> amountOff, Optional<BigDecimal> percentOff) {}

  /**
   * The reward, by type: PERCENT_OFF (percent), AMOUNT_OFF (amount), FIXED_PRICE (price),
   * BUY_X_GET_Y (buy, get, percentOff, pick CHEAPEST or DEAREST, rewardTarget), BUNDLE (quantity,
   * price), THRESHOLD (tiers).
   *
   * @param type the reward's type
   * @param percent PERCENT_OFF: the percentage
   * @param amount AMOUNT_OFF: the amount
   * @param price FIXED_PRICE and BUNDLE: the price
   * @param buy BUY_X_GET_Y: how many to buy
   * @param get BUY_X_GET_Y: how many get the discount
   * @param percentOff BUY_X_GET_Y: the discount on them (100 for free)
   * @param pick BUY_X_GET_Y: CHEAPEST or DEAREST
   * @param rewardTarget BUY_X_GET_Y: what the free units are, when not the target
   * @param quantity BUNDLE: how many units make the bundle
   * @param tiers THRESHOLD: the tiers
   */
  public record RewardRequest(
      String type,
      Optional<BigDecimal> percent,
      Optional<Views.MoneyIn> amount,
      Optional<Views.MoneyIn> price,
      Optional<Integer> buy,
      Optional<Integer> get,
      Optional<BigDecimal> percentOff,
      Optional<String> pick,
      Optional<TargetRequest> rewardTarget,
      Optional<Integer> quantity,
      Optional<List<TierRequest>> tiers) {}

  /**
   * A promotion.
   *
   * @param id its id
   * @param label the receipt's text
   * @param priority higher goes first
   * @param exclusive whether it combines with nothing else
   * @param stackableWith promotions it combines with
   * @param stackableWithAll whether it combines with every non-exclusive promotion
   * @param eligibility when it applies
   * @param target what it applies to
   * @param reward what it gives
   * @param neverBelowCost whether it may take a line below cost
   */
  public record PromotionRequest(
      String id,
      String label,
      Optional<Integer> priority,
      Optional<Boolean> exclusive,
      Optional<Set<String>> stackableWith,
      Optional<Boolean> stackableWithAll,
      Optional<EligibilityRequest> eligibility,
      TargetRequest target,
      RewardRequest reward,
      Optional<Boolean> neverBelowCost) {}

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
      Views.MoneyIn amount,
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
            .doc("pricing", "Create or replace a promotion (an admin token for every store)")
            .anyStore(Role.ADMIN)
            .body(PromotionRequest.class)
            .returns(Promotion.class)
            .created()
            .to(
                call -> {
                  requireAllStores(call);
                  Promotion p = promotion(call.body(PromotionRequest.class));
                  s.engine().definePromotion(p);
                  return p;
                }),
        route(DELETE, "/api/v1/promotions/{promotionId}")
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

  private static <T> Set<T> set(Optional<Set<String>> values, Function<String, T> of) {
    Set<T> out = new LinkedHashSet<>();
    opt(values).ifPresent(v -> v.forEach(x -> out.add(of.apply(x))));
    return out;
  }

  private static Target target(TargetRequest t, String field) {
    if (t == null) {
      throw new InvalidInputException(ErrorCode.VALIDATION, field + " is required", List.of(field));
    }
    return new Target(
        set(t.skus(), Sku::of),
        set(t.categories(), CategoryId::of),
        opt(t.wholeBasket()).orElse(false));
  }

  public static Promotion promotion(PromotionRequest r) {
    EligibilityRequest e =
        opt(r.eligibility())
            .orElse(new EligibilityRequest(null, null, null, null, null, null, null, null, null));
    Eligibility eligibility =
        new Eligibility(
            opt(e.from()),
            opt(e.until()),
            opt(e.days()).map(d -> (Set<DayOfWeek>) new LinkedHashSet<>(d)).orElse(Set.of()),
            opt(e.fromTime()),
            opt(e.untilTime()),
            set(e.stores(), StoreId::of),
            set(e.customerGroups(), CustomerGroupId::of),
            set(e.loyaltyTiers(), LoyaltyTier::of),
            opt(e.requiresCoupon()).orElse(false));
    return new Promotion(
        PromotionId.of(StoreApi.required(r.id(), "id")),
        r.label(),
        opt(r.priority()).orElse(0),
        opt(r.exclusive()).orElse(false),
        set(r.stackableWith(), PromotionId::of),
        opt(r.stackableWithAll()).orElse(false),
        eligibility,
        target(r.target(), "target"),
        reward(r.reward()),
        opt(r.neverBelowCost()).orElse(true));
  }

  private static Reward reward(RewardRequest r) {
    if (r == null || r.type() == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "reward.type is required", List.of("reward.type"));
    }
    return switch (r.type()) {
      case "PERCENT_OFF" -> new Reward.PercentOff(need(r.percent(), "reward.percent"));
      case "AMOUNT_OFF" ->
          new Reward.AmountOff(need(r.amount(), "reward.amount").toMoney("reward.amount"));
      case "FIXED_PRICE" ->
          new Reward.FixedPrice(need(r.price(), "reward.price").toMoney("reward.price"));
      case "BUY_X_GET_Y" ->
          new Reward.BuyXGetY(
              need(r.buy(), "reward.buy"),
              need(r.get(), "reward.get"),
              opt(r.percentOff()).orElse(BigDecimal.valueOf(100)),
              pick(opt(r.pick()).orElse("CHEAPEST")),
              opt(r.rewardTarget()).map(t -> target(t, "reward.rewardTarget")));
      case "BUNDLE" ->
          new Reward.Bundle(
              need(r.quantity(), "reward.quantity"),
              need(r.price(), "reward.price").toMoney("reward.price"));
      case "THRESHOLD" -> {
        List<Reward.Tier> tiers = new ArrayList<>();
        for (TierRequest t : need(r.tiers(), "reward.tiers")) {
          tiers.add(
              new Reward.Tier(
                  Views.money(t == null ? null : t.spend(), "reward.tiers.spend"),
                  opt(t.amountOff()).map(m -> m.toMoney("reward.tiers.amountOff")),
                  opt(t.percentOff())));
        }
        yield new Reward.Threshold(tiers);
      }
      default ->
          throw new InvalidInputException(
              ErrorCode.VALIDATION,
              "reward.type is PERCENT_OFF, AMOUNT_OFF, FIXED_PRICE, BUY_X_GET_Y, BUNDLE or THRESHOLD",
              List.of("reward.type"));
    };
  }

  private static Reward.Pick pick(String pick) {
    try {
      return Reward.Pick.valueOf(pick);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "reward.pick is CHEAPEST or DEAREST", List.of("reward.pick"));
    }
  }

  private static <T> T need(Optional<T> value, String field) {
    return opt(value)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.VALIDATION, field + " is required", List.of(field)));
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
