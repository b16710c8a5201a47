package io.vruksha.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.examples.client.model.SaleView;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated client completes a sale against a real demo server. */
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
      assertThat(server.engine().sales().list(io.vruksha.retail.store.StoreId.of("demo")))
          .hasSize(1);
    }
  }
}
