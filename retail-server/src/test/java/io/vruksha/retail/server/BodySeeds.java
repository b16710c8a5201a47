package io.vruksha.retail.server;

import io.vruksha.retail.server.http.ApiRoute;
import java.util.Map;
import java.util.Optional;

/**
 * A well-formed body for every route of the table that takes one: the starting point the hostile
 * generators mutate. A route that takes a body and has no seed here fails {@code
 * HostileBodyPropertiesTest.everyBodyRouteHasASeed}, so a new route cannot escape the fuzzing.
 */
final class BodySeeds {

  private BodySeeds() {}

  private static final String EUR_10 = "{\"amount\":\"10.00\",\"currency\":\"EUR\"}";

  static final Map<String, String> SEEDS =
      Map.ofEntries(
          Map.entry("POST /api/v1/auth/login", "{\"staffId\":\"anna\",\"pin\":\"4826\"}"),
          Map.entry(
              "POST /api/v1/stores",
              "{\"id\":\"fuzz-store\",\"name\":\"Fuzz\",\"currency\":\"EUR\","
                  + "\"zone\":\"Europe/Berlin\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/staff",
              "{\"staffId\":\"fuzz-staff\",\"name\":\"Fuzz Staff\",\"role\":\"CASHIER\","
                  + "\"password\":\"fuzz-password-1\",\"pin\":\"5190\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/baskets/price",
              "{\"lines\":[{\"code\":\"MUG\",\"quantity\":\"1\"}],\"customerId\":\"c-1\","
                  + "\"coupons\":[\"WELCOME\"]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/sales",
              "{\"lines\":[{\"code\":\"MUG\",\"quantity\":\"1\"},{\"code\":\"TEE-M\"}],"
                  + "\"customerId\":\"c-1\",\"tenders\":[{\"type\":\"CASH\",\"amount\":"
                  + "{\"amount\":\"50.00\",\"currency\":\"EUR\"}}]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/returns",
              "{\"saleId\":\"{saleId}\",\"lines\":[{\"line\":0,\"quantity\":\"1\","
                  + "\"restock\":true}],\"refundTo\":\"ORIGINAL\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/carts/{cartId}/lines",
              "{\"code\":\"TEE-M\",\"quantity\":\"1\"}"),
          Map.entry(
              "PATCH /api/v1/stores/{storeId}/carts/{cartId}/lines/{index}",
              "{\"quantity\":\"2\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/carts/{cartId}/customer", "{\"customerId\":\"c-1\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/carts/{cartId}/coupons", "{\"code\":\"WELCOME\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/carts/{cartId}/checkout",
              "{\"tenders\":[{\"type\":\"CASH\",\"amount\":{\"amount\":\"500.00\","
                  + "\"currency\":\"EUR\"}}]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/invoices",
              "{\"customerId\":\"c-1\",\"lines\":[{\"code\":\"TEE-L\",\"quantity\":\"1\"}],"
                  + "\"paymentTermsDays\":14}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/invoices/{number}/payments",
              "{\"amount\":" + EUR_10 + ",\"method\":\"BANK_TRANSFER\",\"reference\":\"r-1\"}"),
          Map.entry(
              "POST /api/v1/products",
              "{\"id\":\"fuzz-product\",\"name\":\"Fuzz\",\"category\":\"mugs\","
                  + "\"taxCategory\":\"standard\",\"status\":\"ACTIVE\",\"variants\":[{\"sku\":"
                  + "\"FUZZ-1\",\"name\":\"Fuzz one\",\"unit\":\"EACH\",\"barcodes\":[]}]}"),
          Map.entry(
              "POST /api/v1/price-lists/{priceListId}/prices",
              "{\"sku\":\"MUG\",\"price\":{\"amount\":\"4.99\",\"currency\":\"EUR\"}}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/customers",
              "{\"customerId\":\"fuzz-c\",\"name\":\"Fuzz Customer\","
                  + "\"email\":\"fuzz@example.com\",\"marketingConsent\":false,\"taxId\":\"DE1\"}"),
          Map.entry(
              "POST /api/v1/suppliers",
              "{\"id\":\"fuzz-supplier\",\"name\":\"Fuzz\",\"items\":{\"MUG\":{\"cost\":"
                  + EUR_10
                  + ",\"leadTimeDays\":3}}}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/purchase-orders/{orderId}/receipts",
              "{\"received\":{\"MUG\":\"1\"}}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/shifts",
              "{\"registerId\":\"till-fuzz\",\"openingFloat\":" + EUR_10 + "}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/shifts/{shiftId}/cash-movements",
              "{\"amount\":" + EUR_10 + ",\"reason\":\"change\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/shifts/{shiftId}/close",
              "{\"counted\":{\"CASH\":" + EUR_10 + "}}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/stock/receipts",
              "{\"sku\":\"MUG\",\"quantity\":\"1\",\"location\":\"floor\",\"reason\":\"delivery\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/stock/adjustments",
              "{\"sku\":\"MUG\",\"quantity\":\"-1\",\"reason\":\"breakage\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/stock/transfers",
              "{\"sku\":\"MUG\",\"quantity\":\"1\",\"from\":\"floor\",\"to\":\"backroom\","
                  + "\"reference\":\"t-1\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/stock/counts",
              "{\"location\":\"floor\",\"counted\":{\"MUG\":\"50\"},\"reference\":\"count-1\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/stock/reservations",
              "{\"reservationId\":\"r-1\",\"sku\":\"MUG\",\"quantity\":\"1\","
                  + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}"),
          Map.entry(
              "POST /api/v1/promotions",
              "{\"id\":\"fuzz-promo\",\"label\":\"Fuzz\",\"priority\":1,\"exclusive\":false,"
                  + "\"eligibility\":{\"days\":[\"MONDAY\"],\"stores\":[\"demo\"]},"
                  + "\"target\":{\"skus\":[\"MUG\"]},\"reward\":{\"type\":\"PERCENT_OFF\","
                  + "\"percent\":\"10\"}}"),
          Map.entry(
              "PUT /api/v1/stores/{storeId}/tax-rules",
              "{\"code\":\"DE\",\"name\":\"Germany\",\"pricesIncludeTax\":true,\"rules\":[{"
                  + "\"category\":\"standard\",\"treatment\":\"STANDARD\",\"rates\":[{\"code\":"
                  + "\"DE19\",\"name\":\"VAT 19%\",\"rate\":\"0.19\"}]}]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/orders",
              "{\"orderId\":\"fuzz-order\",\"channel\":\"WEB\",\"customerId\":\"c-1\","
                  + "\"contact\":\"ada@example.com\",\"lines\":[{\"sku\":\"TEE-L\","
                  + "\"quantity\":\"1\"}],\"prepayment\":{\"amount\":"
                  + EUR_10
                  + ",\"reference\":\"psp-1\"}}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/orders/{orderNumber}/pick",
              "{\"lines\":[{\"sku\":\"TEE-L\",\"picked\":\"1\"}]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/orders/{orderNumber}/collect",
              "{\"tenders\":[{\"type\":\"CASH\",\"amount\":{\"amount\":\"50.00\","
                  + "\"currency\":\"EUR\"}}]}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/safety-buffers", "{\"sku\":\"MUG\",\"buffer\":\"2\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/curbside/slots",
              "{\"slotId\":\"fuzz-slot\",\"start\":\"2030-01-02T16:00:00Z\","
                  + "\"end\":\"2030-01-02T16:30:00Z\",\"capacity\":2}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/curbside/bookings",
              "{\"bookingId\":\"fuzz-b\",\"slotId\":\"{slotId}\",\"customerName\":\"Ada\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/curbside/bookings/{bookingId}/slot",
              "{\"slotId\":\"{slotId}\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/curbside/bookings/{bookingId}/check-in",
              "{\"bay\":\"3\"}"),
          Map.entry("POST /api/v1/warranty-policies", "{\"sku\":\"TEE-L\",\"months\":24}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/warranties/{serial}/claims",
              "{\"description\":\"seam came apart\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/notifications/subscriptions",
              "{\"kind\":\"LOW_STOCK\",\"channel\":\"EMAIL\","
                  + "\"recipient\":\"manager@example.com\"}"),
          Map.entry(
              "POST /api/v1/stores/{storeId}/notifications/templates",
              "{\"kind\":\"ORDER_READY\",\"channel\":\"EMAIL\",\"subject\":\"Ready: {orderId}\","
                  + "\"body\":\"Order {orderId} waits at {store}.\"}"));

  /** The route's key in {@link #SEEDS}: method and path as in the table. */
  static String key(ApiRoute route) {
    return route.method().name() + " " + route.path();
  }

  /** The seed of {@code route}, if it has one. */
  static Optional<String> seed(ApiRoute route) {
    return Optional.ofNullable(SEEDS.get(key(route)));
  }
}
