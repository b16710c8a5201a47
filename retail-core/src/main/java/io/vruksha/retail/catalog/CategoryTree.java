package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue's category tree, immutable and validated: every parent exists and there is no
 * cycle. Ancestor sets are computed once, so {@link #selfAndAncestors} is a map lookup on the
 * pricing path. Thread-safe.
 */
public final class CategoryTree {

  private static final CategoryTree EMPTY = new CategoryTree(List.of());

  private final Map<CategoryId, Category> byId = new HashMap<>();
  private final Map<CategoryId, List<CategoryId>> children = new HashMap<>();
  private final Map<CategoryId, Set<CategoryId>> lineage = new HashMap<>();

  private CategoryTree(Collection<Category> categories) {
    for (Category c : categories) {
      if (byId.put(c.id(), c) != null) {
        throw new InvalidInputException(
            ErrorCode.CATEGORY_INVALID, "category " + c.id() + " is listed twice");
      }
    }
    for (Category c : categories) {
      c.parent()
          .ifPresent(
              p -> {
                if (!byId.containsKey(p)) {
                  throw new InvalidInputException(
                      ErrorCode.CATEGORY_INVALID,
                      "category " + c.id() + " has an unknown parent " + p);
                }
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(c.id());
              });
    }
    for (Category c : categories) {
      Set<CategoryId> chain = new LinkedHashSet<>();
      Optional<CategoryId> at = Optional.of(c.id());
      while (at.isPresent()) {
        if (!chain.add(at.get())) {
          throw new InvalidInputException(
              ErrorCode.CATEGORY_INVALID, "categories " + chain + " form a cycle");
        }
        at = byId.get(at.get()).parent();
      }
      lineage.put(c.id(), Set.copyOf(chain));
    }
  }

  /** A tree of {@code categories}; refuses unknown parents, duplicates and cycles. */
  public static CategoryTree of(Collection<Category> categories) {
    return categories.isEmpty() ? EMPTY : new CategoryTree(categories);
  }

  /** The tree with no categories. */
  public static CategoryTree empty() {
    return EMPTY;
  }

  /** The category with this id. */
  public Optional<Category> find(CategoryId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every category. */
  public Collection<Category> all() {
    return List.copyOf(byId.values());
  }

  /**
   * {@code id} and every ancestor up to the root: a promotion on "apparel" reaches a product in
   * "apparel/shirts". An id the tree does not know yields just itself.
   */
  public Set<CategoryId> selfAndAncestors(CategoryId id) {
    return lineage.getOrDefault(id, Set.of(id));
  }

  /** The direct children of {@code id}. */
  public List<CategoryId> children(CategoryId id) {
    return List.copyOf(children.getOrDefault(id, List.of()));
  }

  /** Every category below {@code id}, breadth first. */
  public List<CategoryId> descendants(CategoryId id) {
    List<CategoryId> result = new ArrayList<>();
    Deque<CategoryId> queue = new ArrayDeque<>(children(id));
    while (!queue.isEmpty()) {
      CategoryId next = queue.removeFirst();
      result.add(next);
      queue.addAll(children(next));
    }
    return result;
  }
}
