package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ProductTest {

  private static Product.Builder tee() {
    return Product.builder(ProductId.of("tee"))
        .name("T-shirt")
        .category(CategoryId.of("shirts"))
        .taxCategory(TaxCategory.of("standard"));
  }

  private static void refused(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(code);
  }

  @Test
  void theBuilderFlattensEachVariantIntoASellableItem() {
    Product product =
        tee()
            .status(ProductStatus.DISCONTINUED)
            .variant(
                Variant.of(Sku.of("TEE-M"), "T-shirt M", UnitOfMeasure.EACH, "4006381333931")
                    .withAttribute("size", "M")
                    .withCost(Money.of("4.00", "EUR")))
            .build();
    assertThat(product.variants().get(0).attributes()).containsEntry("size", "M");
    assertThat(product.items())
        .containsExactly(
            new SellableItem(
                Sku.of("TEE-M"),
                ProductId.of("tee"),
                "T-shirt M",
                CategoryId.of("shirts"),
                TaxCategory.of("standard"),
                ProductStatus.DISCONTINUED,
                UnitOfMeasure.EACH,
                Optional.of(UnitPrice.of("4.00", "EUR"))));
  }

  @Test
  void aProductNeedsAtLeastOneVariant() {
    refused(() -> tee().build(), ErrorCode.VALIDATION, "needs at least one variant");
  }

  @Test
  void aProductNeedsANameACategoryAndATaxCategory() {
    refused(
        () -> tee().name(" ").variant(Sku.of("A"), "A", UnitOfMeasure.EACH).build(),
        ErrorCode.VALIDATION,
        "product tee needs a name");
    refused(
        () ->
            Product.builder(ProductId.of("tee"))
                .name("T-shirt")
                .variant(Sku.of("A"), "A", UnitOfMeasure.EACH)
                .build(),
        ErrorCode.VALIDATION,
        "needs a category and a tax category");
  }

  @Test
  void aSkuListedTwiceIsRefused() {
    refused(
        () ->
            tee()
                .variant(Sku.of("TEE-M"), "T-shirt M", UnitOfMeasure.EACH)
                .variant(Sku.of("TEE-M"), "T-shirt M again", UnitOfMeasure.EACH)
                .build(),
        ErrorCode.DUPLICATE,
        "lists SKU TEE-M twice");
  }

  @Test
  void oneBarcodeOnTwoVariantsIsRefusedEvenInItsOtherForm() {
    // 036000291452 (UPC-A) and 0036000291452 (its EAN-13 form) are the same GTIN
    refused(
        () ->
            tee()
                .variant(Sku.of("TEE-M"), "T-shirt M", UnitOfMeasure.EACH, "036000291452")
                .variant(Sku.of("TEE-L"), "T-shirt L", UnitOfMeasure.EACH, "0036000291452")
                .build(),
        ErrorCode.DUPLICATE,
        "uses barcode 0036000291452 on two variants");
  }

  @Test
  void aVariantNeedsANameAndANonNegativeCost() {
    refused(
        () -> Variant.of(Sku.of("TEE-M"), "", UnitOfMeasure.EACH),
        ErrorCode.VALIDATION,
        "variant TEE-M needs a name");
    refused(
        () ->
            new Variant(
                Sku.of("TEE-M"),
                "T-shirt M",
                Map.of(),
                List.of(),
                UnitOfMeasure.EACH,
                Optional.of(UnitPrice.of("-0.01", "EUR"))),
        ErrorCode.VALIDATION,
        "must not be negative: -0.01");
  }

  @Test
  void aZeroCostIsAllowed() {
    // a free sample still has a cost of its own: nothing
    assertThat(
            Variant.of(Sku.of("SAMPLE"), "Sample", UnitOfMeasure.EACH)
                .withCost(Money.of("0.00", "EUR"))
                .cost())
        .contains(UnitPrice.of("0.00", "EUR"));
  }

  @Test
  void statusesDecideSaleAndReorder() {
    assertThat(ProductStatus.ACTIVE.sellable()).isTrue();
    assertThat(ProductStatus.ACTIVE.reorderable()).isTrue();
    assertThat(ProductStatus.DISCONTINUED.sellable()).isTrue();
    assertThat(ProductStatus.DISCONTINUED.reorderable()).isFalse();
    assertThat(ProductStatus.BLOCKED.sellable()).isFalse();
    assertThat(ProductStatus.BLOCKED.reorderable()).isFalse();
  }
}
