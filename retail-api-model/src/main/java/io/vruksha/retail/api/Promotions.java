package io.vruksha.retail.api;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.promotion.Eligibility;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.promotion.Reward;
import io.vruksha.retail.promotion.Target;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link PromotionRequest} (the JSON shape of a promotion, as {@code PUT /api/v1/promotions/{id}}
 * and {@code retail import promotions} take it) read into the core's {@link Promotion}: one reading
 * for the server and the CLI.
 */
public final class Promotions {

  private Promotions() {}

  private static <T> Optional<T> opt(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, field + " is required", List.of(field));
    }
    return value;
  }

  private static Money money(MoneyIn money, String field) {
    if (money == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " needs an amount and a currency", List.of(field));
    }
    return money.toMoney(field);
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

  /** The promotion a request describes; a missing or bad field is a validation error naming it. */
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
        PromotionId.of(required(r.id(), "id")),
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
                  money(t == null ? null : t.spend(), "reward.tiers.spend"),
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
}
