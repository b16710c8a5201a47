package io.vruksha.examples.client;

import io.vruksha.examples.client.api.AuthApi;
import io.vruksha.examples.client.api.SalesApi;
import io.vruksha.examples.client.invoker.ApiClient;
import io.vruksha.examples.client.invoker.ApiException;
import io.vruksha.examples.client.model.LineRequest;
import io.vruksha.examples.client.model.LoginRequest;
import io.vruksha.examples.client.model.MoneyIn;
import io.vruksha.examples.client.model.SaleRequest;
import io.vruksha.examples.client.model.SaleView;
import io.vruksha.examples.client.model.TenderRequest;
import io.vruksha.examples.client.model.TenderType;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Sells a basket over REST with a client generated from the server's OpenAPI document: logs in as
 * the demo cashier, sells two T-shirts (by barcode) and a mug for 50.00 cash, prints the receipt.
 * Start the demo server first ({@code scripts/server.sh}), then {@code mvn -q exec:java -pl
 * examples/api-client} (or pass another base URL as the first argument).
 */
public final class ClientSale {

  private ClientSale() {}

  /** Sells the basket at {@code baseUrl}; returns the sale. */
  public static SaleView sell(String baseUrl, String idempotencyKey) throws ApiException {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUrl);
    String token =
        new AuthApi(client)
            .postAuthLogin(new LoginRequest().staffId("anna").pin("4826"))
            .getData()
            .getToken();
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
    SaleRequest sale =
        new SaleRequest()
            .lines(
                List.of(
                    new LineRequest().code("4006381333931").quantity("2"),
                    new LineRequest().code("MUG")))
            .tenders(
                List.of(
                    new TenderRequest()
                        .type(TenderType.CASH)
                        .amount(new MoneyIn().amount("50.00").currency("EUR"))));
    return new SalesApi(client).postStoresStoreIdSales("demo", idempotencyKey, sale).getData();
  }

  /** Runs against the demo server. */
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8901";
    URI.create(base); // a bad URL fails here, plainly
    SaleView sale = sell(base, "client-" + UUID.randomUUID());
    System.out.printf(
        "sale %s: total %s %s, change %s %s%n",
        sale.getNumber(),
        sale.getBasket().getTotal().getAmount(),
        sale.getBasket().getTotal().getCurrency(),
        sale.getChange().getAmount(),
        sale.getChange().getCurrency());
  }
}
