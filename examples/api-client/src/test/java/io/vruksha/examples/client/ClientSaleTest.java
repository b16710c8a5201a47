package io.vruksha.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.examples.client.model.SaleView;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.StoreId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated client, with no hand-written HTTP, completes a sale, finds it by its receipt
 * number, returns a line, closes the shift and reads the Z report, against a real demo server.
 */
class ClientSaleTest {

  @Test
  void theGeneratedClientSellsABasket() throws Exception {
    ServerConfig config =
        ServerConfig.from(Map.of("JWT_SECRET", "a-client-test-secret-of-32-characters"))
            .withPort(0);
    try (RetailServer server = RetailServer.start(config, Map.of())) {
      String base = "http://127.0.0.1:" + server.port();
      SaleView sale = ClientSale.sell(base, "client-test-1");
      assertThat(sale.getNumber()).matches("S001-\\d{4}-000001");
      assertThat(sale.getBasket().getTotal().getAmount()).isEqualTo("44.97");
      assertThat(sale.getChange().getAmount()).isEqualTo("5.03");
      assertThat(sale.getBasket().getLines()).hasSize(2);
      // the same key again: the same sale, not a second one
      assertThat(ClientSale.sell(base, "client-test-1").getId()).isEqualTo(sale.getId());
      assertThat(server.engine().sales().list(StoreId.of("demo"))).hasSize(1);
    }
  }

  @Test
  void theGeneratedClientRunsATillsDay() throws Exception {
    ServerConfig config =
        ServerConfig.from(Map.of("JWT_SECRET", "a-client-test-secret-of-32-characters"))
            .withPort(0);
    try (RetailServer server = RetailServer.start(config, Map.of())) {
      ClientSale.Day day =
          ClientSale.day("http://127.0.0.1:" + server.port(), "till-7", "client-day-1");
      assertThat(day.found().getId()).isEqualTo(day.sale().getId());
      assertThat(day.found().getNumber()).isEqualTo(day.sale().getNumber());
      // 2 T-shirts at 19.99 and a mug at 4.99 = 44.97; one T-shirt back refunds 19.99
      assertThat(day.sale().getBasket().getTotal().getAmount()).isEqualTo("44.97");
      assertThat(day.returned().getRefund().getAmount()).isEqualTo("19.99");
      assertThat(day.returned().getRefundTo().getValue()).isEqualTo("ORIGINAL");
      assertThat(day.returned().getRefundTender().getValue()).isEqualTo("CASH");
      assertThat(day.z().getNumber()).startsWith("Z001-");
      assertThat(day.z().getSalesCount()).isEqualTo(1);
      // 100.00 float + 44.97 sold - 19.99 refunded, counted exactly
      assertThat(day.z().getExpectedCash().getAmount()).isEqualTo("124.98");
      assertThat(day.z().getOverShort().getAmount()).isEqualTo("0.00");
    }
  }
}
