package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the category tree.
 *
 * @param id its identity
 * @param name its name
 * @param parent its parent, empty for a root
 */
public record Category(CategoryId id, String name, Optional<CategoryId> parent) {

  /** Validates the name and that a category is not its own parent. */
  public Category {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parent, "parent");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "category " + id + " needs a name");
    }
    if (parent.isPresent() && parent.get().equals(id)) {
      throw new InvalidInputException(
          ErrorCode.CATEGORY_INVALID, "category " + id + " cannot be its own parent");
    }
  }

  /** A root category. */
  public static Category root(String id, String name) {
    return new Category(CategoryId.of(id), name, Optional.empty());
  }

  /** A category under {@code parent}. */
  public static Category child(String id, String name, String parent) {
    return new Category(CategoryId.of(id), name, Optional.of(CategoryId.of(parent)));
  }
}
