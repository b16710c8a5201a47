package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Catalog} adapter must show. An adapter's test extends this class and
 * supplies a fresh, empty catalogue.
 */
public abstract class CatalogContract {

  private Catalog catalog;

  /** A new, empty catalogue for each test. */
  protected abstract Catalog newCatalog();

  @BeforeEach
  void setUp() {
    catalog = newCatalog();
    catalog.saveCategory(Category.root("apparel", "Apparel"));
    catalog.saveCategory(Category.child("shirts", "Shirts", "apparel"));
  }

  private static Product tee() {
    return Product.builder(ProductId.of("tee"))
        .name("T-shirt")
        .category(CategoryId.of("shirts"))
        .taxCategory(TaxCategory.of("standard"))
        .variant(
            Variant.of(Sku.of("TEE-M"), "T-shirt M", UnitOfMeasure.EACH, "4006381333931")
                .withAttribute("size", "M")
                .withCost(Money.of("4.00", "EUR")))
        .variant(Sku.of("TEE-L"), "T-shirt L", UnitOfMeasure.EACH, "036000291452")
        .build();
  }

  @Test
  void costsFinerThanTheCentComeBackExactly() {
    catalog.save(
        Product.builder(ProductId.of("hardware"))
            .name("Hardware")
            .category(CategoryId.of("shirts"))
            .taxCategory(TaxCategory.of("standard"))
            .variant(
                Variant.of(Sku.of("BOLT"), "Bolt M8", UnitOfMeasure.EACH)
                    .withCost(UnitPrice.of("2.7812", "EUR")))
            .variant(
                Variant.of(Sku.of("SCREW"), "Screw 3x16", UnitOfMeasure.EACH)
                    .withCost(UnitPrice.of("0.0049", "EUR")))
            .build());
    assertThat(catalog.item(Sku.of("BOLT")).orElseThrow().cost())
        .hasValueSatisfying(c -> assertThat(c.amount()).isEqualByComparingTo("2.7812"))
        .contains(UnitPrice.of("2.7812", "EUR"));
    assertThat(catalog.item(Sku.of("SCREW")).orElseThrow().cost())
        .hasValueSatisfying(c -> assertThat(c.amount()).isEqualByComparingTo("0.0049"))
        .contains(UnitPrice.of("0.0049", "EUR"));
    assertThat(catalog.product(ProductId.of("hardware")).orElseThrow().variants())
        .extracting(v -> v.cost().orElseThrow().toString())
        .containsExactly("2.7812 EUR", "0.0049 EUR");
  }

  @Test
  void itemsAreFoundBySkuAndByBarcode() {
    catalog.save(tee());
    assertThat(catalog.item(Sku.of("TEE-M")))
        .hasValueSatisfying(
            i -> {
              assertThat(i.product()).isEqualTo(ProductId.of("tee"));
              assertThat(i.category()).isEqualTo(CategoryId.of("shirts"));
              assertThat(i.cost()).contains(UnitPrice.of("4.00", "EUR"));
            });
    assertThat(catalog.itemByBarcode(Barcode.parse("4006381333931")).map(SellableItem::sku))
        .contains(Sku.of("TEE-M"));
    // a UPC-A is found by its EAN-13 form too
    assertThat(catalog.itemByBarcode(Barcode.parse("0036000291452")).map(SellableItem::sku))
        .contains(Sku.of("TEE-L"));
    assertThat(catalog.items())
        .extracting(SellableItem::sku)
        .containsExactly(Sku.of("TEE-L"), Sku.of("TEE-M"));
  }

  @Test
  void replacingAProductDropsItsOldVariantsAndBarcodes() {
    catalog.save(tee());
    catalog.save(
        Product.builder(ProductId.of("tee"))
            .name("T-shirt")
            .category(CategoryId.of("shirts"))
            .taxCategory(TaxCategory.of("standard"))
            .variant(Sku.of("TEE-S"), "T-shirt S", UnitOfMeasure.EACH, "96385074")
            .build());
    assertThat(catalog.item(Sku.of("TEE-M"))).isEmpty();
    assertThat(catalog.itemByBarcode(Barcode.parse("4006381333931"))).isEmpty();
    assertThat(catalog.item(Sku.of("TEE-S"))).isPresent();
  }

  @Test
  void aBarcodeOrSkuOfAnotherProductIsRefusedAndNothingChanges() {
    catalog.save(tee());
    Product thief =
        Product.builder(ProductId.of("other"))
            .name("Other")
            .category(CategoryId.of("apparel"))
            .taxCategory(TaxCategory.of("standard"))
            .variant(Sku.of("OTHER"), "Other", UnitOfMeasure.EACH, "4006381333931")
            .build();
    assertThatThrownBy(() -> catalog.save(thief))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("barcode 4006381333931 already belongs to SKU TEE-M of product tee")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE);
    assertThat(catalog.product(ProductId.of("other"))).isEmpty();
    assertThat(catalog.item(Sku.of("OTHER"))).isEmpty();
  }

  @Test
  void theCategoryTreeRefusesCycles() {
    assertThatThrownBy(() -> catalog.saveCategory(Category.child("apparel", "Apparel", "shirts")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(catalog.categories().selfAndAncestors(CategoryId.of("shirts")))
        .containsExactlyInAnyOrder(CategoryId.of("shirts"), CategoryId.of("apparel"));
  }

  @Test
  void scansResolveBarcodesAndEmbeddedLayouts() {
    catalog.save(tee());
    EmbeddedBarcodeLayout cheese = EmbeddedBarcodeLayout.weight("23");
    EmbeddedBarcodeLayout markdown =
        EmbeddedBarcodeLayout.priceWithCheck("21", Currency.getInstance("EUR"));
    catalog.save(
        Product.builder(ProductId.of("gouda"))
            .name("Gouda")
            .category(CategoryId.of("apparel"))
            .taxCategory(TaxCategory.of("food"))
            .variant(
                Sku.of("GOUDA"),
                "Gouda by weight",
                UnitOfMeasure.KILOGRAM,
                cheese.itemBarcode("2300042").digits())
            .build());
    catalog.save(
        Product.builder(ProductId.of("cake"))
            .name("Cake")
            .category(CategoryId.of("apparel"))
            .taxCategory(TaxCategory.of("food"))
            .variant(
                Sku.of("CAKE"),
                "Cake, reduced",
                UnitOfMeasure.EACH,
                markdown.itemBarcode("2112345").digits())
            .build());
    ScanResolver scans = new ScanResolver(catalog, List.of(cheese, markdown));

    assertThat(scans.resolve("4006381333931").item().sku()).isEqualTo(Sku.of("TEE-M"));
    Scan gouda = scans.resolve("2300042012558");
    assertThat(gouda.item().sku()).isEqualTo(Sku.of("GOUDA"));
    assertThat(gouda.embeddedWeight()).contains(Quantity.kilograms("1.255"));
    Scan cake = scans.resolve("2112345928753");
    assertThat(cake.item().sku()).isEqualTo(Sku.of("CAKE"));
    assertThat(cake.embeddedPrice()).contains(Money.of("28.75", "EUR"));

    assertThatThrownBy(() -> scans.resolve("96385074"))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.BARCODE_UNKNOWN);
  }

  @Test
  void aBlockedProductIsRefusedForSaleButDiscontinuedStillSells() {
    catalog.save(tee().withStatus(ProductStatus.BLOCKED));
    SellableItem blocked = catalog.item(Sku.of("TEE-M")).orElseThrow();
    assertThatThrownBy(blocked::requireSellable)
        .isInstanceOf(RuleViolationException.class)
        .hasMessage("T-shirt M (TEE-M) is blocked for sale");

    catalog.save(tee().withStatus(ProductStatus.DISCONTINUED));
    catalog.item(Sku.of("TEE-M")).orElseThrow().requireSellable();
    assertThat(ProductStatus.DISCONTINUED.reorderable()).isFalse();
  }

  @Test
  void aUpcScannedInEitherFormResolvesToTheSameItem() {
    catalog.save(tee());
    ScanResolver scans = new ScanResolver(catalog, List.of());
    // 036000291452 is registered; a scanner set to EAN-13 reads it with a leading 0
    assertThat(scans.resolve("036000291452").item().sku()).isEqualTo(Sku.of("TEE-L"));
    assertThat(scans.resolve("0036000291452").item().sku()).isEqualTo(Sku.of("TEE-L"));
    assertThat(scans.resolve("036000291452").embeddedPrice()).isEmpty();
  }

  @Test
  void anInStoreBarcodeWhoseItemIsNotRegisteredIsUnknown() {
    ScanResolver scans = new ScanResolver(catalog, List.of(EmbeddedBarcodeLayout.weight("23")));
    // 23 00043 01255 + check: 5*3+5+2*3+1+0*3+3+4*3+0+0*3+0+3*3+2 = 53 -> 7; item 2300043 unknown
    assertThatThrownBy(() -> scans.resolve("2300043012557"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no product carries the barcode 2300043012557");
  }

  @Test
  void aScanWithAWrongPriceCheckDigitIsInvalid() {
    ScanResolver scans =
        new ScanResolver(
            catalog,
            List.of(EmbeddedBarcodeLayout.priceWithCheck("21", Currency.getInstance("EUR"))));
    // 2875 needs price check 9 (see EmbeddedBarcodeTest); this label carries 8
    assertThatThrownBy(() -> scans.resolve("2112345828756"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.BARCODE_INVALID);
    assertThatThrownBy(() -> scans.resolve("4006381333933"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("check digit should be 1, was 3");
  }

  @Test
  void aBlockedProductStillScansButIsRefusedForSale() {
    catalog.save(tee().withStatus(ProductStatus.BLOCKED));
    Scan scan = new ScanResolver(catalog, List.of()).resolve("4006381333931");
    assertThat(scan.item().status()).isEqualTo(ProductStatus.BLOCKED);
    assertThatThrownBy(scan.item()::requireSellable)
        .isInstanceOf(RuleViolationException.class)
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.PRODUCT_BLOCKED);
  }

  @Test
  void aBarcodeOfAnotherProductIsRefusedInItsOtherFormToo() {
    catalog.save(tee());
    // TEE-L carries the UPC-A 036000291452; its EAN-13 form is the same GTIN
    Product thief =
        Product.builder(ProductId.of("other"))
            .name("Other")
            .category(CategoryId.of("apparel"))
            .taxCategory(TaxCategory.of("standard"))
            .variant(Sku.of("OTHER"), "Other", UnitOfMeasure.EACH, "0036000291452")
            .build();
    assertThatThrownBy(() -> catalog.save(thief))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("barcode 0036000291452 already belongs to SKU TEE-L of product tee")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE);
    assertThat(catalog.item(Sku.of("OTHER"))).isEmpty();
  }

  @Test
  void aCategoryUnderAnUnknownParentIsRefusedAndTheTreeStays() {
    assertThatThrownBy(() -> catalog.saveCategory(Category.child("tees", "T-shirts", "ghost")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.CATEGORY_INVALID);
    assertThat(catalog.categories().find(CategoryId.of("tees"))).isEmpty();
    assertThat(catalog.categories().descendants(CategoryId.of("apparel")))
        .containsExactly(CategoryId.of("shirts"));
  }
}
