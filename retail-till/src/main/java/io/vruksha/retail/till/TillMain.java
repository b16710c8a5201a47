package io.vruksha.retail.till;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sqlite.SqliteAdapters;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A till as a program of its own, for tests that start it in a JVM of its own and stop it however
 * they like:
 *
 * <pre>
 * java io.vruksha.retail.till.TillMain --store s1 --till T01 --file till.db \
 *     [--centre http://localhost:8901 --token ...] --sales 50 --seed 7
 * </pre>
 *
 * It opens the till's engine on its SQLite file ({@link #openEngine}); with a centre it pulls the
 * centre's reference data (waiting for the centre only while the till holds none), without one it
 * loads a small shop if it holds none ({@link TillSeed}). It carries on with the shift the till has
 * open, or opens one, and sells {@code --sales} small random baskets of {@code --skus} (the seed's
 * products by default; random by {@code --seed}), printing {@code SOLD <number>} on standard
 * output, flushed, once each checkout has returned: a number printed is a sale the till holds
 * whatever happens to the process next. With a centre it pushes every 200 ms meanwhile; at the end
 * it waits up to {@code --drain-seconds} (10) for the centre to hold every document, prints {@code
 * PENDING <n>} and {@code DONE}. Exit code 2 for bad arguments.
 */
public final class TillMain {

  private TillMain() {}

  private static final Set<String> OPTIONS =
      Set.of("store", "till", "file", "centre", "token", "sales", "seed", "drain-seconds", "skus");

  /** Runs the till as the arguments say. */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StoreId store = StoreId.of(a.getOrDefault("store", "s1"));
    String till = a.getOrDefault("till", "T01");
    int sales = Integer.parseInt(a.getOrDefault("sales", "10"));
    long seed = Long.parseLong(a.getOrDefault("seed", "1"));
    RetailEngine engine = openEngine(Path.of(a.getOrDefault("file", "till.db")), till);
    Optional<CentreClient> centre =
        Optional.ofNullable(a.get("centre"))
            .map(url -> new CentreClient(URI.create(url), a.getOrDefault("token", "")));
    if (centre.isPresent()) {
      pullReferenceData(engine, store, centre.get());
    } else {
      TillSeed.seedIfEmpty(engine, store);
    }
    List<String> skus =
        a.containsKey("skus")
            ? List.of(a.get("skus").split(","))
            : TillSeed.PRODUCTS.stream().map(p -> p[0]).toList();
    Optional<TillPusher> pusher = centre.map(c -> new TillPusher(engine, store, till, c));
    pusher.ifPresent(p -> p.runEvery(Duration.ofMillis(200)));
    PrintStream out = System.out;
    // a till that stopped (or was killed) mid-shift carries on with the shift it had open
    Shift shift = shiftOf(engine, store, till, Money.of("100.00", "EUR"), Actor.cashier(till));
    Random random = new Random(seed);
    for (int i = 1; i <= sales; i++) {
      Sale sale = sell(engine, store, shift.id(), random, skus, till + "-" + seed + "-" + i);
      out.println("SOLD " + sale.number());
      out.flush();
    }
    if (pusher.isPresent()) {
      TillPusher p = pusher.get();
      long deadline =
          System.nanoTime()
              + Duration.ofSeconds(Long.parseLong(a.getOrDefault("drain-seconds", "10"))).toNanos();
      while (p.pending() > 0 && p.problem().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      out.println("PENDING " + p.pending());
      p.problem().ifPresent(e -> out.println("PROBLEM " + e.getMessage()));
      p.close();
    }
    out.println("DONE");
    out.flush();
  }

  /**
   * The till's engine on its durable store in {@code file} (created if need be), numbering its
   * documents as till {@code till} ({@code S001-T01-2026-000001}): what a checkout committed
   * survives a crash or a power cut.
   */
  public static RetailEngine openEngine(Path file, String till) {
    return SqliteAdapters.use(file, RetailEngine.builder()).till(till).build();
  }

  /**
   * The shift the till has open, or a new one with {@code openingFloat}: a till that stopped (or
   * was killed) mid-shift carries on with the shift it had.
   */
  public static Shift shiftOf(
      RetailEngine engine, StoreId store, String till, Money openingFloat, Actor by) {
    return engine
        .registers()
        .shifts()
        .openOn(store, till)
        .orElseGet(() -> engine.registers().open(store, till, openingFloat, by));
  }

  /**
   * The centre's reference data for the store. A till with no catalogue of its own yet waits for
   * the centre (it has nothing to sell); one that has it carries on with what it holds while the
   * centre cannot be reached.
   */
  static void pullReferenceData(RetailEngine engine, StoreId store, CentreClient centre)
      throws InterruptedException {
    ReferenceData reference = new ReferenceData(engine, store, centre, Optional.empty());
    while (true) {
      try {
        reference.pull();
        return;
      } catch (CentreUnreachableException e) {
        if (engine.stores().find(store).isPresent()) {
          System.err.println("centre unreachable, selling on the reference data held: " + e);
          return;
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * Sells one small random basket (one to three lines of {@code skus}, one to three of each) in
   * {@code shift}, paid in cash to the cent, under {@code key}.
   */
  public static Sale sell(
      RetailEngine engine,
      StoreId store,
      String shift,
      Random random,
      List<String> skus,
      String key) {
    BasketRequest.Builder basket = BasketRequest.builder(store);
    int lines = 1 + random.nextInt(3);
    for (int l = 0; l < lines; l++) {
      basket.add(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3));
    }
    BasketRequest request = basket.build();
    Actor cashier = Actor.cashier("till");
    PricedBasket priced = engine.priceBasket(request, cashier);
    return engine.checkout(
        CheckoutRequest.of(key, request, new Tender.Cash(priced.total())).inShift(shift), cashier);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!OPTIONS.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: TillMain --store s --till T01 --file till.db [--centre URL --token T]"
                + " --sales N --seed X [--drain-seconds S] [--skus A,B,C]; not understood: "
                + args[i]);
      }
      a.put(name, args[++i]);
    }
    return a;
  }
}
