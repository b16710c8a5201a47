package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.json.CanonicalJson;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.Versioned;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reference data a store's tills pull to sell offline ({@code till-data}): one document with
 * the store record, its products, prices, promotions and tax rules, versioned by the SHA-256 of its
 * canonical content, so a till that holds the current version downloads nothing (304).
 */
public final class TillDataApi {

  private TillDataApi() {}

  /**
   * The document as the OpenAPI document describes it: each part is the engine's own record in the
   * stored-document JSON form ({@code retail-json}), which a till reads back as that record.
   *
   * @param version the SHA-256 (hex) of the canonical JSON of the content, the {@code ETag}
   * @param store the store record
   * @param products every product, by id
   * @param prices every price of a list that applies in the store, by list then SKU
   * @param promotions the promotions that run in the store, by id
   * @param taxRules the store's tax jurisdiction (none or one)
   */
  public record TillDataDocument(
      String version,
      Map<String, Object> store,
      List<Map<String, Object>> products,
      List<Map<String, Object>> prices,
      List<Map<String, Object>> promotions,
      List<Map<String, Object>> taxRules)
      implements Versioned.Body {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/till-data")
            .errors(ErrorCode.NOT_FOUND)
            .doc(
                "tills",
                "The reference data a till of the store sells from (store, products, prices,"
                    + " promotions, tax rules), with ETag: \"<version>\"; If-None-Match with the"
                    + " current version answers 304 with no body")
            .raw()
            .returns(TillDataDocument.class)
            .to(call -> versioned(tillData(s.engine(), call.store()))));
  }

  /**
   * The body of {@code data}: {@code {"version": ..., "store": ..., ...}}, the version being the
   * SHA-256 of the canonical JSON of {@code data}, so equal data has an equal version whichever
   * adapter it was read from.
   */
  public static Versioned versioned(TillData data) {
    String content = CanonicalJson.write(data);
    String version = CanonicalJson.sha256(content);
    return new Versioned(version, "{\"version\":\"" + version + "\"," + content.substring(1));
  }

  /** A store's reference data as its tills receive it; an unknown store is not found. */
  public static TillData tillData(RetailEngine engine, StoreId storeId) {
    Store store =
        engine
            .stores()
            .find(storeId)
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.NOT_FOUND, "no store " + storeId.value()));
    Catalog catalog = engine.catalog();
    List<SellableItem> items = catalog.items();
    List<Product> products =
        items.stream()
            .map(SellableItem::product)
            .distinct()
            .sorted()
            .map(
                id ->
                    catalog
                        .product(id)
                        .orElseThrow(
                            () -> new IllegalStateException(missing(id, "its items are listed"))))
            .toList();
    List<PriceEntry> prices = new ArrayList<>();
    for (SellableItem item : items) {
      prices.addAll(engine.priceBook().entries(item.sku(), store.id(), store.currency()));
    }
    prices.sort(
        Comparator.comparing((PriceEntry e) -> e.list().id()).thenComparing(PriceEntry::sku));
    List<Promotion> promotions =
        engine.promotions().active(store.id()).stream()
            .sorted(Comparator.comparing(Promotion::id))
            .toList();
    return new TillData(
        store,
        products,
        prices,
        promotions,
        engine.taxRules().jurisdictionOf(store.id()).stream().toList());
  }

  private static String missing(ProductId id, String why) {
    return "product " + id.value() + " cannot be read though " + why;
  }
}
