package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Role;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole trip against the real centre (the server, in memory, with its till routes): a till with
 * a service token pulls the demo store's reference data, sells offline, closes its shift and
 * pushes; the centre holds every sale once, under the till's numbers, and reports what the till
 * sold beyond its stock.
 */
class CentreEndToEndTest {

  @TempDir Path dir;

  private RetailServer centre;
  private CentreClient client;

  @BeforeEach
  void start() {
    centre =
        RetailServer.start(
            ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
                .withPort(0),
            Map.of());
    String token =
        centre
            .context()
            .tokens()
            .issueService("till-T01", Role.SUPERVISOR, Set.of("demo"), Duration.ofMinutes(5));
    client = new CentreClient(URI.create("http://127.0.0.1:" + centre.port()), token);
  }

  @AfterEach
  void stop() {
    centre.close();
  }

  @Test
  void aTillPullsSellsOfflineAndItsSalesReachTheCentreOnce() {
    RetailEngine till = TillMain.openEngine(dir.resolve("till.db"), "T01");
    new ReferenceData(till, DemoStore.ID, client, Optional.empty()).pull();
    Actor anna = Actor.cashier("anna");
    Shift shift = till.registers().open(DemoStore.ID, "T01", Money.of("100.00", "EUR"), anna);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 120; i++) { // the centre has 50 mugs
      BasketRequest basket =
          BasketRequest.builder(DemoStore.ID).add("MUG", 1).add("COFFEE", 1).build();
      Money total = till.priceBasket(basket, anna).total();
      Sale sale =
          till.checkout(
              CheckoutRequest.of("sale-" + i, basket, new Tender.Cash(total)).inShift(shift.id()),
              anna);
      numbers.add(sale.number());
    }
    till.registers().close(shift.id(), Money.of("100.00", "EUR"), Actor.supervisor("sam"));

    TillPusher pusher = new TillPusher(till, DemoStore.ID, "T01", client);
    TillPusher.Pushed pushed = pusher.pushOnce();

    assertThat(pushed.acceptedUpTo()).isEqualTo(121); // 120 sales and the Z report
    assertThat(pushed.received()).isEqualTo(121);
    assertThat(pushed.oversold()).extracting(CentreClient.Oversold::sku).contains("MUG");
    assertThat(pusher.pending()).isZero();
    assertThat(numbers.get(0)).startsWith("S001-T01-");
    assertThat(centre.engine().sales().list(DemoStore.ID))
        .extracting(Sale::number)
        .containsAll(numbers);
    // a till restarted later asks, and sends nothing twice
    assertThat(new TillPusher(till, DemoStore.ID, "T01", client).pushOnce().sent()).isZero();
    assertThat(client.position(DemoStore.ID, "T01").lastHash())
        .isEqualTo(till.journal().entries(DemoStore.ID).get(120).hash());
  }
}
