package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.api.EligibilityRequest;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.api.PromotionRequest;
import io.vruksha.retail.api.RewardRequest;
import io.vruksha.retail.api.TargetRequest;
import io.vruksha.retail.server.api.AdminApi;
import io.vruksha.retail.server.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Op.Promote} as the API's request: the server reads it from JSON, the in-process engines
 * get the promotion the server's own mapping ({@link AdminApi#promotion}) makes of it, so both
 * define the same promotion.
 */
final class Promotions {

  static final Set<String> CATEGORIES = Set.of("coffee", "kitchen", "cheese", "shirts", "food");

  private Promotions() {}

  static PromotionRequest request(Op.Promote p) {
    TargetRequest target =
        p.target().equals("BASKET")
            ? new TargetRequest(Optional.empty(), Optional.empty(), Optional.of(true))
            : CATEGORIES.contains(p.target())
                ? new TargetRequest(
                    Optional.empty(), Optional.of(Set.of(p.target())), Optional.empty())
                : new TargetRequest(
                    Optional.of(Set.of(p.target())), Optional.empty(), Optional.empty());
    Optional<MoneyIn> money = Optional.of(new MoneyIn(p.value(), "EUR"));
    RewardRequest reward =
        switch (p.reward()) {
          case "PERCENT_OFF" ->
              new RewardRequest(
                  "PERCENT_OFF",
                  Optional.of(new BigDecimal(p.value())),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty());
          case "AMOUNT_OFF" ->
              new RewardRequest(
                  "AMOUNT_OFF",
                  Optional.empty(),
                  money,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty());
          case "BUNDLE" ->
              new RewardRequest(
                  "BUNDLE",
                  Optional.empty(),
                  Optional.empty(),
                  money,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(2),
                  Optional.empty());
          default -> throw new IllegalArgumentException("no reward " + p.reward());
        };
    Optional<LocalTime> fromTime = Optional.empty();
    Optional<LocalTime> untilTime = Optional.empty();
    if (p.hours() != null) {
      String[] h = p.hours().split("-");
      fromTime = Optional.of(LocalTime.parse(h[0]));
      untilTime = Optional.of(LocalTime.parse(h[1]));
    }
    EligibilityRequest eligibility =
        new EligibilityRequest(
            Optional.ofNullable(p.from()).map(Instant::parse),
            Optional.ofNullable(p.until()).map(Instant::parse),
            Optional.empty(),
            fromTime,
            untilTime,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(false));
    return new PromotionRequest(
        p.id(),
        p.label(),
        Optional.of(1),
        Optional.of(false),
        Optional.empty(),
        Optional.of(true),
        Optional.of(eligibility),
        target,
        reward,
        Optional.empty());
  }

  /** The request as the JSON body a client sends: absent fields left out. */
  static JsonNode body(Op.Promote p) {
    return withoutNulls(Json.MAPPER.valueToTree(request(p)));
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> nulls = new ArrayList<>();
      o.fields()
          .forEachRemaining(
              f -> {
                if (f.getValue().isNull()) {
                  nulls.add(f.getKey());
                } else {
                  withoutNulls(f.getValue());
                }
              });
      o.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(Promotions::withoutNulls);
    }
    return node;
  }
}
