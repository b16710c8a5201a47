package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.ProductStatus;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceChange;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.tax.TaxJurisdiction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The catalogue, barcodes, price lists, promotions and tax rules. */
public final class CatalogApi {

  private CatalogApi() {}

  /**
   * A variant of a new product.
   *
   * @param sku its SKU
   * @param name its name
   * @param unit EACH, KILOGRAM, LITRE or METRE
   * @param barcodes its EAN-13, EAN-8 or UPC-A barcodes
   * @param cost its purchase cost per unit, if known: a decimal string and a currency, kept exactly
   *     to six decimals ({@code {"amount": "2.7812", "currency": "EUR"}})
   */
  public record VariantRequest(
      String sku, String name, String unit, List<String> barcodes, Optional<MoneyIn> cost) {}

  /**
   * A new or changed product.
   *
   * @param id the product's id
   * @param name its name
   * @param category its category id
   * @param taxCategory its tax category (standard, reduced, ...)
   * @param status ACTIVE (default), DISCONTINUED or BLOCKED
   * @param variants its variants, at least one
   */
  public record ProductRequest(
      String id,
      String name,
      String category,
      String taxCategory,
      Optional<String> status,
      List<VariantRequest> variants) {}

  /**
   * A price set in a list.
   *
   * @param sku the SKU
   * @param price the unit price
   */
  public record PriceRequest(String sku, MoneyIn price) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/products")
            .doc("catalog", "Every sellable item (SKU) of the catalogue")
            .anyStore(Role.CASHIER)
            .returns(SellableItem[].class)
            .to(call -> s.engine().catalog().items()),
        route(GET, "/api/v1/products/{sku}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("catalog", "One item by SKU")
            .anyStore(Role.CASHIER)
            .returns(SellableItem.class)
            .to(
                call ->
                    s.engine()
                        .catalog()
                        .item(Sku.of(call.path("sku")))
                        .orElseThrow(() -> ApiProblem.notFound("no SKU " + call.path("sku")))),
        route(POST, "/api/v1/products")
            .errors(ErrorCode.DUPLICATE, ErrorCode.BARCODE_INVALID, ErrorCode.CATEGORY_INVALID)
            .doc(
                "catalog",
                "Create or replace a product and its variants (an admin token for every store)")
            .anyStore(Role.ADMIN)
            .body(ProductRequest.class)
            .returns(Product.class)
            .created()
            .to(
                call -> {
                  requireAllStores(call.principal());
                  ProductRequest r = call.body(ProductRequest.class);
                  Product.Builder b =
                      Product.builder(ProductId.of(StoreApi.required(r.id(), "id")))
                          .name(r.name())
                          .category(CategoryId.of(StoreApi.required(r.category(), "category")))
                          .taxCategory(
                              TaxCategory.of(StoreApi.required(r.taxCategory(), "taxCategory")));
                  if (r.status() != null && r.status().isPresent()) {
                    b.status(enumOf(ProductStatus.class, r.status().get(), "status"));
                  }
                  if (r.variants() == null || r.variants().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "a product needs at least one variant",
                        List.of("variants"));
                  }
                  for (VariantRequest v : r.variants()) {
                    Variant variant =
                        Variant.of(
                            Sku.of(StoreApi.required(v.sku(), "variants.sku")),
                            v.name(),
                            enumOf(
                                UnitOfMeasure.class,
                                StoreApi.required(v.unit(), "variants.unit"),
                                "unit"),
                            v.barcodes() == null
                                ? new String[0]
                                : v.barcodes().toArray(String[]::new));
                    if (v.cost() != null && v.cost().isPresent()) {
                      variant = variant.withCost(v.cost().get().toUnitPrice("variants.cost"));
                    }
                    b.variant(variant);
                  }
                  Product product = b.build();
                  s.engine().catalog().save(product);
                  return product;
                }),
        route(GET, "/api/v1/barcodes/{barcode}")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.BARCODE_INVALID)
            .doc("catalog", "The item a barcode (EAN-13, EAN-8, UPC-A) names")
            .anyStore(Role.CASHIER)
            .returns(SellableItem.class)
            .to(
                call -> {
                  Barcode barcode = Barcode.parse(call.path("barcode"));
                  return s.engine()
                      .catalog()
                      .itemByBarcode(barcode)
                      .orElseThrow(
                          () ->
                              ApiProblem.notFound(
                                  "no item carries barcode " + call.path("barcode")));
                }),
        route(GET, "/api/v1/price-lists")
            .doc("pricing", "Every price list")
            .anyStore(Role.CASHIER)
            .returns(PriceList[].class)
            .to(call -> s.engine().priceBook().lists()),
        route(POST, "/api/v1/price-lists/{priceListId}/prices")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.CURRENCY_MISMATCH)
            .doc("pricing", "Set a SKU's price in a list (kept in the price history)")
            .anyStore(Role.ADMIN)
            .body(PriceRequest.class)
            .returns(PriceChange.class)
            .created()
            .to(
                call -> {
                  requireAllStores(call.principal());
                  PriceRequest r = call.body(PriceRequest.class);
                  if (r.price() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "price is required", List.of("price"));
                  }
                  Money m = Views.money(r.price(), "price");
                  return s.engine()
                      .priceBook()
                      .setPrice(
                          PriceListId.of(call.path("priceListId")),
                          Sku.of(StoreApi.required(r.sku(), "sku")),
                          new UnitPrice(m.amount(), m.currency()),
                          s.engine().clock().instant(),
                          call.principal().subject());
                }),
        route(GET, "/api/v1/stores/{storeId}/promotions")
            .doc("pricing", "The store's active promotions")
            .returns(Promotion[].class)
            .to(call -> s.engine().promotions().active(call.store())),
        route(GET, "/api/v1/stores/{storeId}/tax-rules")
            .errors(ErrorCode.NOT_FOUND)
            .doc("tax", "The store's tax jurisdiction: rates, rules and rounding")
            .returns(TaxJurisdiction.class)
            .to(
                call ->
                    s.engine()
                        .taxRules()
                        .jurisdictionOf(call.store())
                        .orElseThrow(
                            () -> ApiProblem.notFound("no tax rules for store " + call.store()))));
  }

  private static void requireAllStores(Principal p) {
    if (!p.stores().contains(Principal.ALL_STORES)) {
      throw ApiProblem.forbidden("the catalogue serves every store: use a token for every store");
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          field + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()),
          List.of(field));
    }
  }
}
