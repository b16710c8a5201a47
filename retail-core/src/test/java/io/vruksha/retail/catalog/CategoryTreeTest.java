package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTreeTest {

  private final CategoryTree tree =
      CategoryTree.of(
          List.of(
              Category.root("apparel", "Apparel"),
              Category.child("shirts", "Shirts", "apparel"),
              Category.child("tees", "T-shirts", "shirts"),
              Category.root("food", "Food")));

  @Test
  void aCategoryReachesEveryAncestor() {
    assertThat(tree.selfAndAncestors(CategoryId.of("tees")))
        .containsExactlyInAnyOrder(
            CategoryId.of("tees"), CategoryId.of("shirts"), CategoryId.of("apparel"));
    assertThat(tree.selfAndAncestors(CategoryId.of("unknown")))
        .containsExactly(CategoryId.of("unknown"));
  }

  @Test
  void descendantsAreListedBreadthFirst() {
    assertThat(tree.descendants(CategoryId.of("apparel")))
        .containsExactly(CategoryId.of("shirts"), CategoryId.of("tees"));
    assertThat(tree.children(CategoryId.of("food"))).isEmpty();
  }

  @Test
  void unknownParentsAndCyclesAreRefused() {
    assertThatThrownBy(() -> CategoryTree.of(List.of(Category.child("a", "A", "ghost"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown parent ghost");
    assertThatThrownBy(
            () ->
                CategoryTree.of(
                    List.of(Category.child("a", "A", "b"), Category.child("b", "B", "a"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cycle")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.CATEGORY_INVALID);
  }
}
