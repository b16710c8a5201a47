package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sales looked up by a day ({@code ?from=2026-03-29&to=2026-03-29}) in a store whose zone changes
 * its clocks that day: the demo store is in Europe/Berlin, whose 29 March 2026 has 23 hours (02:00
 * CET becomes 03:00 CEST) and whose 25 October 2026 has 25 (03:00 CEST becomes 02:00 CET, the hour
 * from 02:00 is lived twice). Sales at the edges of each day and of each change are sold at their
 * instants; the adapter ({@code Sales.search}) and HTTP answer exactly the sales of the day, the
 * same on every adapter family (each runs this with its own server).
 */
abstract class DaylightSavingLookupsContract {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String SALES = "/api/v1/stores/demo/sales";

  private RetailServer server;
  private TestClient client;
  private String admin;
  private int keys;

  /** A server holding the demo store (Europe/Berlin). */
  protected abstract RetailServer startServer();

  @BeforeEach
  void start() {
    server = startServer();
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sells a mug at {@code at}, the sale's instant. */
  private Sale sellAt(Instant at) {
    RetailEngine engine = server.engine();
    return engine.inStore(
        DemoStore.ID,
        () ->
            engine.checkout(
                CheckoutRequest.of(
                    "dst-" + keys++,
                    BasketRequest.builder(DemoStore.ID).at(at).add("MUG", 1).build(),
                    new Tender.Cash(Money.of("10.00", "EUR"))),
                Actor.cashier("anna")));
  }

  /** The instant of a wall-clock time in Berlin at a given UTC offset (the hour lived twice). */
  private static Instant berlin(String localDateTime, int offsetHours) {
    Instant at = LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(offsetHours));
    // the offset is the one Berlin had then: the test states the instant it means
    assertThat(BERLIN.getRules().getOffset(at)).isEqualTo(ZoneOffset.ofHours(offsetHours));
    return at;
  }

  /** Sells at each instant; answers the sales sold on {@code day}, newest first. */
  private List<String> sell(LocalDate day, Instant... instants) {
    List<Sale> onTheDay = new ArrayList<>();
    for (Instant at : instants) {
      Sale s = sellAt(at);
      if (at.atZone(BERLIN).toLocalDate().equals(day)) {
        onTheDay.add(s);
      }
    }
    return onTheDay.stream()
        .sorted(Comparator.comparing(Sale::at).reversed())
        .map(Sale::number)
        .toList();
  }

  private List<String> overHttp(LocalDate day) {
    TestClient.Response r = client.get(SALES + "?from=" + day + "&to=" + day, admin);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> numbers = new ArrayList<>();
    r.data().forEach(s -> numbers.add(s.get("number").asText()));
    return numbers;
  }

  private List<String> fromTheAdapter(LocalDate day) {
    RetailEngine engine = server.engine();
    SaleQuery q =
        SaleQuery.of(DemoStore.ID, 100)
            .between(
                Optional.of(day.atStartOfDay(BERLIN).toInstant()),
                Optional.of(day.plusDays(1).atStartOfDay(BERLIN).toInstant()));
    return engine.inStore(DemoStore.ID, () -> engine.sales().search(q)).stream()
        .map(Sale::number)
        .toList();
  }

  @Test
  void theDayClocksGoForwardHoldsItsTwentyThreeHoursOfSales() {
    LocalDate day = LocalDate.parse("2026-03-29");
    // the day runs from 2026-03-28T23:00Z (00:00 CET) to 2026-03-29T22:00Z (00:00 CEST next day)
    List<String> expected =
        sell(
            day,
            berlin("2026-03-28T23:59:00", 1), // the day before, 22:59Z
            berlin("2026-03-29T00:00:00", 1), // the day's first instant, 23:00Z
            berlin("2026-03-29T00:30:00", 1),
            berlin("2026-03-29T01:59:00", 1), // the last minute of CET, 00:59Z
            berlin("2026-03-29T03:01:00", 2), // a minute into CEST, 01:01Z
            berlin("2026-03-29T23:59:00", 2), // 21:59Z
            berlin("2026-03-30T00:00:00", 2)); // the next day's first instant, 22:00Z
    assertThat(expected).hasSize(5);
    assertThat(fromTheAdapter(day)).containsExactlyElementsOf(expected);
    assertThat(overHttp(day)).containsExactlyElementsOf(expected);
  }

  @Test
  void theDayClocksGoBackHoldsItsTwentyFiveHoursOfSalesAndTheHourLivedTwice() {
    LocalDate day = LocalDate.parse("2026-10-25");
    // the day runs from 2026-10-24T22:00Z (00:00 CEST) to 2026-10-25T23:00Z (00:00 CET next day)
    List<String> expected =
        sell(
            day,
            berlin("2026-10-24T23:59:00", 2), // the day before, 21:59Z
            berlin("2026-10-25T00:00:00", 2), // the day's first instant, 22:00Z
            berlin("2026-10-25T00:30:00", 2),
            berlin("2026-10-25T01:59:00", 2),
            berlin("2026-10-25T02:30:00", 2), // 02:30 the first time, 00:30Z
            berlin("2026-10-25T02:30:00", 1), // 02:30 the second time, 01:30Z
            berlin("2026-10-25T03:01:00", 1),
            berlin("2026-10-25T23:59:00", 1), // 22:59Z
            berlin("2026-10-26T00:00:00", 1)); // the next day's first instant, 23:00Z
    assertThat(expected).hasSize(7);
    assertThat(fromTheAdapter(day)).containsExactlyElementsOf(expected);
    assertThat(overHttp(day)).containsExactlyElementsOf(expected);
  }

  @Test
  void aDayRangeAcrossTheChangeIsTheSalesOfEachDay() {
    List<String> march =
        sell(
            LocalDate.parse("2026-03-29"),
            berlin("2026-03-28T12:00:00", 1),
            berlin("2026-03-29T01:59:00", 1),
            berlin("2026-03-29T03:01:00", 2),
            berlin("2026-03-30T12:00:00", 2));
    assertThat(march).hasSize(2);
    // 28 to 30 March: all four, newest first
    TestClient.Response r = client.get(SALES + "?from=2026-03-28&to=2026-03-30", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().size()).isEqualTo(4);
    assertThat(overHttp(LocalDate.parse("2026-03-28"))).hasSize(1);
    assertThat(overHttp(LocalDate.parse("2026-03-30"))).hasSize(1);
    assertThat(overHttp(LocalDate.parse("2026-03-29"))).containsExactlyElementsOf(march);
  }
}
