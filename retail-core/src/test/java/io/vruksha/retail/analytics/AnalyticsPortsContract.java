package io.vruksha.retail.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.HandledEvents;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every adapter of {@link SalesAnalytics} and {@link HandledEvents} must do: add sales and
 * returns up per store, day and SKU to the cent, keep stores and days apart, undo with a failed
 * unit of work, and mark an event handled once however many threads try.
 */
public abstract class AnalyticsPortsContract {

  private static final StoreId S1 = StoreId.of("s1");
  private static final StoreId S2 = StoreId.of("s2");
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 25);

  /** The ports of one adapter family, empty, sharing one unit of work. */
  public record Family(UnitOfWork work, SalesAnalytics analytics, HandledEvents handled) {}

  /** A new, empty family for each test. */
  protected abstract Family newFamily();

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static ExactAmount exact(String amount) {
    return ExactAmount.of(amount, "EUR");
  }

  private static DomainEvent.SaleCompleted sale(
      StoreId store, String id, String total, Object... lines) {
    List<DomainEvent.SoldLine> sold = new ArrayList<>();
    for (int i = 0; i < lines.length; i += 3) {
      sold.add(
          new DomainEvent.SoldLine(
              (String) lines[i],
              new BigDecimal((String) lines[i + 1]),
              eur((String) lines[i + 2])));
    }
    return new DomainEvent.SaleCompleted(store, id, "R-" + id, "", eur(total), sold);
  }

  /** A SKU's day as one line: day, SKU, sales, units, revenue. */
  private static String row(ProductPerformance p) {
    return p.day()
        + " "
        + p.sku()
        + " "
        + p.sales()
        + " "
        + p.units().stripTrailingZeros().toPlainString()
        + " "
        + p.revenue();
  }

  @Test
  void salesAndReturnsAddUpPerStoreDayAndSku() {
    Family f = newFamily();
    f.work()
        .runFor(
            S1,
            () -> {
              // 2 mugs 9.98 + coffee 8.99 = 18.97; a second sale: 1 mug 4.99 and 1.250 kg cheese
              // 11.24
              f.analytics()
                  .addSale(D1, sale(S1, "a", "18.97", "MUG", "2", "9.98", "COFFEE", "1", "8.99"));
              f.analytics()
                  .addSale(
                      D1, sale(S1, "b", "16.23", "MUG", "1", "4.99", "GOUDA", "1.250", "11.24"));
              f.analytics()
                  .addReturn(
                      D1, new DomainEvent.ReturnCompleted(S1, "r1", "a", "C-1", eur("4.99")));
              f.analytics().addSale(D2, sale(S1, "c", "8.99", "COFFEE", "1", "8.99"));
              return null;
            });
    f.work()
        .runFor(
            S2,
            () -> {
              f.analytics().addSale(D1, sale(S2, "x", "100.00", "MUG", "20", "100.00"));
              return null;
            });

    List<DailySales> days = f.analytics().daily(S1, D1, D2);
    assertThat(days).hasSize(2);
    DailySales d1 = days.get(0);
    assertThat(d1.day()).isEqualTo(D1);
    assertThat(d1.sales()).isEqualTo(2);
    assertThat(d1.units()).isEqualByComparingTo("5.250");
    assertThat(d1.gross()).isEqualTo(exact("35.20"));
    assertThat(d1.returns()).isEqualTo(1);
    assertThat(d1.refunds()).isEqualTo(exact("4.99"));
    assertThat(d1.net()).isEqualTo(exact("30.21"));
    assertThat(d1.averageSale()).isEqualTo(eur("17.60"));
    assertThat(days.get(1).gross()).isEqualTo(exact("8.99"));
    assertThat(f.analytics().daily(S1, D2, D2)).extracting(DailySales::day).containsExactly(D2);
    assertThat(f.analytics().daily(S2, D1, D2))
        .singleElement()
        .satisfies(d -> assertThat(d.gross()).isEqualTo(exact("100.00")));

    List<ProductPerformance> products = f.analytics().products(S1, D1, D2);
    assertThat(products)
        .extracting(AnalyticsPortsContract::row)
        .containsExactly(
            "2026-11-24 COFFEE 1 1 8.99 EUR",
            "2026-11-24 GOUDA 1 1.25 11.24 EUR",
            "2026-11-24 MUG 2 3 14.97 EUR",
            "2026-11-25 COFFEE 1 1 8.99 EUR");
  }

  @Test
  void salesAddedTogetherGiveTheFiguresOfSalesAddedOneByOne() {
    Family f = newFamily();
    // a sale already counted, one by one
    f.work()
        .runFor(
            S1,
            () -> {
              f.analytics().addSale(D1, sale(S1, "z", "4.99", "MUG", "1", "4.99"));
              return null;
            });
    // then a batch over two stores and two days, with a SKU on two lines of one sale
    f.work()
        .runFor(
            Set.of(S1, S2),
            () -> {
              f.analytics()
                  .addSales(
                      List.of(
                          new SalesAnalytics.DatedSale(
                              D1,
                              sale(S1, "a", "18.97", "MUG", "2", "9.98", "COFFEE", "1", "8.99")),
                          new SalesAnalytics.DatedSale(
                              D1,
                              sale(
                                  S1, "b", "16.23", "MUG", "1", "4.99", "GOUDA", "1.250", "11.24")),
                          new SalesAnalytics.DatedSale(
                              D2, sale(S1, "c", "7.49", "MUG", "1", "4.99", "MUG", "1", "2.50")),
                          new SalesAnalytics.DatedSale(
                              D1, sale(S2, "x", "100.00", "MUG", "20", "100.00"))));
              return null;
            });
    f.work()
        .runFor(
            S1,
            () -> {
              f.analytics().addSales(List.of()); // nothing to add: no change, no failure
              return null;
            });

    // D1: 4.99 + 18.97 + 16.23 = 40.19 over 3 sales; units 1 + 3 + 2.250
    assertThat(f.analytics().daily(S1, D1, D2))
        .extracting(
            d ->
                d.day()
                    + " "
                    + d.sales()
                    + " "
                    + d.units().stripTrailingZeros().toPlainString()
                    + " "
                    + d.gross())
        .containsExactly("2026-11-24 3 6.25 40.19 EUR", "2026-11-25 1 2 7.49 EUR");
    assertThat(f.analytics().daily(S2, D1, D2))
        .extracting(d -> d.sales() + " " + d.gross())
        .containsExactly("1 100.00 EUR");
    assertThat(f.analytics().products(S1, D1, D2))
        .extracting(AnalyticsPortsContract::row)
        .containsExactly(
            "2026-11-24 COFFEE 1 1 8.99 EUR",
            "2026-11-24 GOUDA 1 1.25 11.24 EUR",
            "2026-11-24 MUG 3 4 19.96 EUR",
            "2026-11-25 MUG 1 2 7.49 EUR");
    assertThat(f.analytics().products(S2, D1, D1))
        .extracting(p -> p.sku() + " " + p.sales() + " " + p.revenue())
        .containsExactly("MUG 1 100.00 EUR");
  }

  @Test
  void aListOfEventsIsMarkedOnceEachAndOnlyTheNewOnesComeBack() {
    Family f = newFamily();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    assertThat(f.work().runFor(S1, () -> f.handled().markHandled("reaction-analytics", a)))
        .isTrue();
    assertThat(
            f.work()
                .runFor(S1, () -> f.handled().markHandled("reaction-analytics", List.of(a, b, b))))
        .containsExactly(b);
    assertThat(
            f.work()
                .runFor(S1, () -> f.handled().markHandled("reaction-analytics", List.of(c, b, a))))
        .containsExactly(c);
    assertThat(f.work().runFor(S1, () -> f.handled().markHandled("reaction-analytics", List.of())))
        .isEmpty();
    // another consumer keeps its own marks
    assertThat(
            f.work().runFor(S1, () -> f.handled().markHandled("reaction-reorder", List.of(a, b))))
        .containsExactlyInAnyOrder(a, b);

    UUID d = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                f.work()
                    .runFor(
                        S1,
                        () -> {
                          assertThat(f.handled().markHandled("reaction-analytics", List.of(d)))
                              .containsExactly(d);
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");
    assertThat(f.handled().handled("reaction-analytics", d)).isFalse();
  }

  @Test
  void aSkuOnTwoLinesOfOneSaleCountsOneSale() {
    Family f = newFamily();
    f.work()
        .runFor(
            S1,
            () -> {
              f.analytics()
                  .addSale(D1, sale(S1, "a", "7.49", "MUG", "1", "4.99", "MUG", "1", "2.50"));
              return null;
            });
    assertThat(f.analytics().products(S1, D1, D1))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.sales()).isEqualTo(1);
              assertThat(p.units()).isEqualByComparingTo("2");
              assertThat(p.revenue()).isEqualTo(exact("7.49"));
            });
  }

  @Test
  void aFailedUnitOfWorkAddsNothingAndMarksNothing() {
    Family f = newFamily();
    UUID id = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                f.work()
                    .runFor(
                        S1,
                        () -> {
                          assertThat(f.handled().markHandled("reaction-analytics", id)).isTrue();
                          f.analytics().addSale(D1, sale(S1, "a", "4.99", "MUG", "1", "4.99"));
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");
    assertThat(f.analytics().daily(S1, D1, D1)).isEmpty();
    assertThat(f.analytics().products(S1, D1, D1)).isEmpty();
    assertThat(f.handled().handled("reaction-analytics", id)).isFalse();
  }

  @Test
  void anEventIsMarkedOncePerConsumer() {
    Family f = newFamily();
    UUID id = UUID.randomUUID();
    assertThat(f.work().runFor(S1, () -> f.handled().markHandled("reaction-reorder", id))).isTrue();
    assertThat(f.work().runFor(S1, () -> f.handled().markHandled("reaction-reorder", id)))
        .isFalse();
    assertThat(f.work().runFor(S1, () -> f.handled().markHandled("reaction-analytics", id)))
        .isTrue();
    assertThat(f.handled().handled("reaction-reorder", id)).isTrue();
    assertThat(f.handled().handled("reaction-reorder", UUID.randomUUID())).isFalse();
  }

  @Test
  void eightThreadsMarkingOneEventGetOneTrue() throws Exception {
    Family f = newFamily();
    UUID id = UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tries.add(
            () -> {
              try {
                return f.work()
                    .runFor(
                        S1,
                        () -> {
                          boolean first = f.handled().markHandled("reaction-analytics", id);
                          if (first) {
                            f.analytics().addSale(D1, sale(S1, "a", "4.99", "MUG", "1", "4.99"));
                          }
                          return first;
                        });
              } catch (RuntimeException lostRace) {
                return false; // an adapter may refuse the loser outright; it changed nothing
              }
            });
      }
      long firsts = 0;
      for (Future<Boolean> r : pool.invokeAll(tries)) {
        if (r.get()) {
          firsts++;
        }
      }
      assertThat(firsts).isEqualTo(1);
      assertThat(f.analytics().daily(S1, D1, D1))
          .singleElement()
          .satisfies(d -> assertThat(d.sales()).isEqualTo(1));
    } finally {
      pool.shutdownNow();
    }
  }
}
