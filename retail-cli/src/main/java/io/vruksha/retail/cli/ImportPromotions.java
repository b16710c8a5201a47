package io.vruksha.retail.cli;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.EligibilityRequest;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.api.PromotionRequest;
import io.vruksha.retail.api.Promotions;
import io.vruksha.retail.api.RewardRequest;
import io.vruksha.retail.api.TargetRequest;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.promotion.Promotion;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promotions, one a row, built by the same rules as the server's {@code POST /api/v1/promotions}:
 * {@code promotion_id,label,type} required; {@code skus}, {@code categories} (several separated by
 * {@code |}) or {@code whole_basket} say what it applies to; per type {@code percent}
 * (PERCENT_OFF), {@code amount} (AMOUNT_OFF), {@code price} (FIXED_PRICE, BUNDLE), {@code buy},
 * {@code get}, {@code percent_off}, {@code pick} (BUY_X_GET_Y), {@code quantity} (BUNDLE); and
 * {@code priority}, {@code exclusive}, {@code from}, {@code until} (dates as {@link ImportDates}
 * reads them: a date alone is the start of that day in the store's zone; {@code until} is the first
 * instant the promotion no longer applies), {@code stores} ({@code |}-separated, {@code *} for
 * every store; the import's store by default), {@code requires_coupon}, {@code never_below_cost}.
 * Spend thresholds have tiers: define them through the API. Amounts are in the store's currency. An
 * unchanged promotion is skipped.
 */
final class ImportPromotions extends ImportKinds.Kind<Promotion> {

  ImportPromotions() {
    super(
        "promotions",
        List.of("promotion_id", "label", "type"),
        List.of(
            "skus",
            "categories",
            "whole_basket",
            "percent",
            "amount",
            "price",
            "buy",
            "get",
            "percent_off",
            "pick",
            "quantity",
            "priority",
            "exclusive",
            "from",
            "until",
            "stores",
            "requires_coupon",
            "never_below_cost"));
  }

  private static Optional<Set<String>> list(Map<String, String> f, String field) {
    String v = ImportKinds.opt(f, field);
    if (v == null) {
      return Optional.empty();
    }
    Set<String> values = new LinkedHashSet<>();
    Arrays.stream(v.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
    return Optional.of(values);
  }

  private static Optional<Integer> integer(Map<String, String> f, String field) {
    String v = ImportKinds.opt(f, field);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " '" + v + "' is not a whole number");
    }
  }

  private static Optional<BigDecimal> decimal(Map<String, String> f, String field) {
    String v = ImportKinds.opt(f, field);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(v));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(ErrorCode.VALIDATION, field + " '" + v + "' is not a number");
    }
  }

  private static Optional<Boolean> flag(Map<String, String> f, String field) {
    String v = ImportKinds.opt(f, field);
    return v == null ? Optional.empty() : Optional.of(ImportKinds.yesNo(v));
  }

  private static Optional<Instant> instant(Map<String, String> f, String field, ImportDates dates) {
    String v = ImportKinds.opt(f, field);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(dates.read(field, v));
    } catch (DateTimeException e) {
      throw new InvalidInputException(ErrorCode.VALIDATION, e.getMessage());
    }
  }

  @Override
  Promotion parse(Map<String, String> f, long line, ImportKinds.Context c) {
    String currency = c.store.currency().getCurrencyCode();
    Optional<MoneyIn> amount =
        Optional.ofNullable(ImportKinds.opt(f, "amount")).map(a -> new MoneyIn(a, currency));
    Optional<MoneyIn> price =
        Optional.ofNullable(ImportKinds.opt(f, "price")).map(a -> new MoneyIn(a, currency));
    String type = ImportKinds.req(f, "type").toUpperCase(Locale.ROOT);
    if (type.equals("THRESHOLD")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "spend thresholds have tiers: define them through POST /api/v1/promotions");
    }
    Optional<Set<String>> stores = list(f, "stores");
    Optional<Set<String>> eligibleStores =
        stores.isPresent() && stores.get().contains("*")
            ? Optional.empty()
            : Optional.of(stores.orElse(Set.of(c.store.id().value())));
    PromotionRequest request =
        new PromotionRequest(
            ImportKinds.req(f, "promotion_id"),
            ImportKinds.req(f, "label"),
            integer(f, "priority"),
            flag(f, "exclusive"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new EligibilityRequest(
                    instant(f, "from", c.dates),
                    instant(f, "until", c.dates),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    eligibleStores,
                    Optional.empty(),
                    Optional.empty(),
                    flag(f, "requires_coupon"))),
            new TargetRequest(list(f, "skus"), list(f, "categories"), flag(f, "whole_basket")),
            new RewardRequest(
                type,
                decimal(f, "percent"),
                amount,
                price,
                integer(f, "buy"),
                integer(f, "get"),
                decimal(f, "percent_off"),
                Optional.ofNullable(ImportKinds.opt(f, "pick")),
                Optional.empty(),
                integer(f, "quantity"),
                Optional.empty()),
            flag(f, "never_below_cost"));
    return Promotions.promotion(request);
  }

  @Override
  String key(Promotion p) {
    return "promotion " + p.id();
  }

  @Override
  void check(List<ImportKinds.Pending<Promotion>> batch, ImportKinds.Context c) {
    for (ImportKinds.Pending<Promotion> p : batch) {
      for (Sku sku : p.parsed.target().skus()) {
        if (c.item(sku).isEmpty()) {
          p.reject = "unknown SKU " + sku + ": it is not in the catalogue (import products first)";
          break;
        }
      }
    }
  }

  @Override
  boolean apply(Promotion p, ImportKinds.Context c) {
    if (c.engine.promotions().find(p.id()).map(p::equals).orElse(false)) {
      return false;
    }
    c.engine.definePromotion(p);
    return true;
  }
}
