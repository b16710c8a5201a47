package io.vruksha.examples.client;

import io.vruksha.examples.client.api.AuthApi;
import io.vruksha.examples.client.api.RegistersApi;
import io.vruksha.examples.client.api.ReturnsApi;
import io.vruksha.examples.client.api.SalesApi;
import io.vruksha.examples.client.invoker.ApiClient;
import io.vruksha.examples.client.invoker.ApiException;
import io.vruksha.examples.client.model.CloseShift;
import io.vruksha.examples.client.model.LineRequest;
import io.vruksha.examples.client.model.LoginRequest;
import io.vruksha.examples.client.model.MoneyIn;
import io.vruksha.examples.client.model.OpenShift;
import io.vruksha.examples.client.model.ReturnBody;
import io.vruksha.examples.client.model.ReturnLine;
import io.vruksha.examples.client.model.ReturnView;
import io.vruksha.examples.client.model.SaleRequest;
import io.vruksha.examples.client.model.SaleView;
import io.vruksha.examples.client.model.Shift;
import io.vruksha.examples.client.model.ShiftReport;
import io.vruksha.examples.client.model.TenderRequest;
import io.vruksha.examples.client.model.TenderType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A till's day over REST with a client generated from the server's OpenAPI document, no
 * hand-written HTTP: the cashier opens a shift on a register and sells two T-shirts (by barcode)
 * and a mug for 50.00 cash; the sale is found again by the number on its receipt; a supervisor
 * takes one T-shirt back; the shift is closed with the drawer counted and its Z report read. Start
 * the demo server first ({@code scripts/server.sh}), then {@code mvn -q exec:java -pl
 * examples/api-client} (or pass another base URL as the first argument).
 */
public final class ClientSale {

  private static final String STORE = "demo";

  private ClientSale() {}

  /** What the day left behind. */
  public record Day(SaleView sale, SaleView found, ReturnView returned, ShiftReport z) {}

  private static ApiClient client(String baseUrl, LoginRequest login) throws ApiException {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUrl);
    String token = new AuthApi(client).postAuthLogin(login).getData().getToken();
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
    return client;
  }

  private static MoneyIn eur(String amount) {
    return new MoneyIn().amount(amount).currency("EUR");
  }

  /**
   * Sells the basket at {@code baseUrl} with the till's {@code idempotencyKey}; returns the sale.
   */
  public static SaleView sell(String baseUrl, String idempotencyKey) throws ApiException {
    return sell(
        client(baseUrl, new LoginRequest().staffId("anna").pin("4826")), idempotencyKey, null);
  }

  private static SaleView sell(ApiClient cashier, String idempotencyKey, String shiftId)
      throws ApiException {
    SaleRequest sale =
        new SaleRequest()
            .lines(
                List.of(
                    new LineRequest().code("4006381333931").quantity("2"),
                    new LineRequest().code("MUG")))
            .tenders(List.of(new TenderRequest().type(TenderType.CASH).amount(eur("50.00"))))
            .shiftId(shiftId);
    return new SalesApi(cashier).postStoresStoreIdSales(STORE, idempotencyKey, sale).getData();
  }

  /** The whole day on {@code register}, each write with a key made from {@code run}. */
  public static Day day(String baseUrl, String register, String run) throws ApiException {
    ApiClient cashier = client(baseUrl, new LoginRequest().staffId("anna").pin("4826"));
    ApiClient supervisor =
        client(baseUrl, new LoginRequest().staffId("max").password("demo-manager-1"));
    RegistersApi registers = new RegistersApi(cashier);

    Shift shift =
        registers
            .postStoresStoreIdShifts(
                STORE, new OpenShift().registerId(register).openingFloat(eur("100.00")))
            .getData();
    SaleView sale = sell(cashier, run + ":sale", shift.getId());

    // the customer comes back with the receipt: the number on it finds the sale
    List<SaleView> byNumber =
        new SalesApi(cashier)
            .getStoresStoreIdSales(
                STORE, sale.getNumber(), null, null, null, null, null, null, null)
            .getData();
    SaleView found = byNumber.get(0);

    ReturnView returned =
        new ReturnsApi(supervisor)
            .postStoresStoreIdReturns(
                STORE,
                run + ":return",
                new ReturnBody()
                    .saleId(found.getId())
                    .shiftId(shift.getId())
                    .lines(List.of(new ReturnLine().line(0).quantity("1").restock(true))))
            .getData();

    // count the drawer: what the X report expects
    MoneyIn expected =
        eur(
            registers
                .getStoresStoreIdShiftsShiftIdXReport(STORE, shift.getId())
                .getData()
                .getExpectedCash()
                .getAmount());
    registers.postStoresStoreIdShiftsShiftIdClose(
        STORE, shift.getId(), new CloseShift().counted(Map.of("CASH", expected)));
    ShiftReport z =
        registers.getStoresStoreIdShiftsShiftId(STORE, shift.getId()).getData().getClosing();
    return new Day(sale, found, returned, z);
  }

  /** Runs against the demo server. */
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8901";
    URI.create(base); // a bad URL fails here, plainly
    String run = "client-" + UUID.randomUUID();
    Day day = day(base, "till-" + run.substring(7, 15), run);
    System.out.printf(
        "sale %s: total %s %s, change %s %s%n",
        day.sale().getNumber(),
        day.sale().getBasket().getTotal().getAmount(),
        day.sale().getBasket().getTotal().getCurrency(),
        day.sale().getChange().getAmount(),
        day.sale().getChange().getCurrency());
    System.out.printf(
        "found by its number: %s; returned one T-shirt: credit note %s, %s %s to %s%n",
        day.found().getId(),
        day.returned().getCreditNoteNumber(),
        day.returned().getRefund().getAmount(),
        day.returned().getRefund().getCurrency(),
        day.returned().getRefundTender());
    System.out.printf(
        "Z report %s: %d sale(s), expected cash %s, over/short %s%n",
        day.z().getNumber(),
        day.z().getSalesCount(),
        day.z().getExpectedCash().getAmount(),
        day.z().getOverShort().getAmount());
  }
}
