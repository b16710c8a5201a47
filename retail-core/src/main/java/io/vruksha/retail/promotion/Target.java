package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which lines a promotion looks at: listed SKUs, every product in listed categories (and their
 * subcategories), or the whole basket.
 *
 * @param skus SKUs it applies to
 * @param categories categories it applies to, including their subcategories
 * @param wholeBasket true when it applies to every line
 */
public record Target(Set<Sku> skus, Set<CategoryId> categories, boolean wholeBasket) {

  /** Copies the sets and refuses a target that matches nothing. */
  public Target {
    skus = Set.copyOf(skus);
    categories = Set.copyOf(categories);
    if (!wholeBasket && skus.isEmpty() && categories.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "a promotion target needs SKUs, categories or the basket");
    }
  }

  /** These SKUs. */
  public static Target skus(String... skus) {
    return new Target(
        Arrays.stream(skus).map(Sku::of).collect(Collectors.toSet()), Set.of(), false);
  }

  /** These categories and their subcategories. */
  public static Target categories(String... categories) {
    return new Target(
        Set.of(), Arrays.stream(categories).map(CategoryId::of).collect(Collectors.toSet()), false);
  }

  /** Every line of the basket. */
  public static Target basket() {
    return new Target(Set.of(), Set.of(), true);
  }

  /** True when {@code line} is targeted. */
  public boolean matches(PromotionLine line) {
    if (wholeBasket || skus.contains(line.sku())) {
      return true;
    }
    for (CategoryId c : line.categories()) {
      if (categories.contains(c)) {
        return true;
      }
    }
    return false;
  }
}
