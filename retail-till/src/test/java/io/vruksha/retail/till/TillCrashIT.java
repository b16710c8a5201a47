package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.sqlite.SqliteAdapters;
import io.vruksha.retail.sqlite.SqliteDatabase;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.sync.TillFlag;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tills that are killed and cut off. A till in a JVM of its own sells a stream of sales on its
 * SQLite file and is killed with {@code kill -9} at random moments, many times, while the cable to
 * the centre (the server, in memory) is pulled and plugged back at random; then it starts once more
 * and drains. Every sale it reported complete exists once at the centre, the till's numbering and
 * journal have no gap, both chains verify, and nothing is at the centre twice. Two tills of one
 * store selling the same SKU while both are offline take the centre below zero, and the SKU is
 * flagged.
 *
 * <p>{@code -Dtill.crashes=N} (default 8, {@code scripts/reliability.sh} runs more) sets how often
 * the till is killed; {@code -Dtill.seed=S} replays a run.
 */
class TillCrashIT {

  @TempDir Path dir;

  private static final int CRASHES = Integer.getInteger("till.crashes", 8);

  private String[] args(RetailServer centre, int port, String till, String file, Object... more) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "--store",
            "demo",
            "--till",
            till,
            "--file",
            dir.resolve(file).toString(),
            "--centre",
            "http://127.0.0.1:" + port,
            "--token",
            TillMainTest.token(centre)));
    for (Object o : more) {
      a.add(o.toString());
    }
    return a.toArray(String[]::new);
  }

  @Test
  void aTillKilledAndCutOffAtRandomLosesNothingAndItsSalesReachTheCentreOnce() throws Exception {
    long seed = Long.getLong("till.seed", System.nanoTime());
    Random random = new Random(seed);
    Path stderr = dir.resolve("till-stderr.log");
    List<String> reported = new ArrayList<>();
    int crashes = 0;
    int cuts = 0;
    try (RetailServer centre = TillMainTest.centre();
        CuttableProxy cable = new CuttableProxy(centre.port())) {
      for (int round = 1; round <= CRASHES; round++) {
        boolean cut = random.nextInt(3) == 0;
        try (TillProcess till =
            TillProcess.start(
                stderr,
                args(
                    centre,
                    cable.port(),
                    "T01",
                    "till.db",
                    "--skus",
                    "MUG,COFFEE,TEE-M",
                    "--sales",
                    100_000,
                    "--seed",
                    round))) {
          assertThat(till.awaitSold(1, 90))
              .as("round %d: the till sold nothing; stderr: %s", round, Files.readString(stderr))
              .isTrue();
          if (cut) {
            cable.cut();
            cuts++;
          }
          Thread.sleep(200 + random.nextInt(1_300));
          till.kill();
          crashes++;
          reported.addAll(till.sold());
        } finally {
          cable.restore();
        }
      }
      // the last start: nothing more to sell, push what is left
      try (TillProcess till =
          TillProcess.start(
              stderr,
              args(
                  centre,
                  cable.port(),
                  "T01",
                  "till.db",
                  "--skus",
                  "MUG",
                  "--sales",
                  0,
                  "--drain-seconds",
                  60))) {
        assertThat(till.await(120)).as("stderr: %s", Files.readString(stderr)).isZero();
        assertThat(till.lines()).contains("PENDING 0", "DONE");
      }

      // every number the till reported, once
      assertThat(new HashSet<>(reported)).hasSameSizeAs(reported);

      List<FiscalDocument> tillJournal;
      List<String> tillSales;
      try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
        RetailEngine till = SqliteAdapters.use(db, RetailEngine.builder()).till("T01").build();
        tillJournal = till.journal().entries(DemoStore.ID);
        tillSales = till.sales().list(DemoStore.ID).stream().map(Sale::number).toList();
      }
      // the till's journal: no gap, verifies; its receipt numbers: no gap
      for (int i = 0; i < tillJournal.size(); i++) {
        assertThat(tillJournal.get(i).sequence()).isEqualTo(i + 1L);
      }
      assertThat(FiscalJournal.verify(tillJournal)).isEmpty();
      List<String> invoiced =
          tillJournal.stream()
              .filter(d -> d.kind() == DocumentKind.INVOICE)
              .map(FiscalDocument::number)
              .toList();
      List<Long> numbers = TillMainTest.sequence(invoiced);
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).as("the till's sale %d", i + 1).isEqualTo(i + 1L);
      }
      assertThat(tillSales).containsExactlyInAnyOrderElementsOf(invoiced);
      // nothing the cashier saw completed is lost
      assertThat(tillSales).containsAll(reported);

      // the centre: each of the till's sales once, its chain and the centre's verify
      List<String> atCentre =
          centre.engine().sales().list(DemoStore.ID).stream()
              .map(Sale::number)
              .filter(n -> n.startsWith("S001-T01-"))
              .toList();
      int duplicates = atCentre.size() - new HashSet<>(atCentre).size();
      Set<String> lost = new LinkedHashSet<>(tillSales);
      atCentre.forEach(lost::remove);
      System.out.printf(
          "till crash test (seed %d): %d sales reported complete, %d in the till, %d crashes"
              + " (kill -9), %d network cuts; at the centre %d sales, %d duplicates, %d lost%n",
          seed,
          reported.size(),
          tillSales.size(),
          crashes,
          cuts,
          atCentre.size(),
          duplicates,
          lost.size());
      assertThat(duplicates).isZero();
      assertThat(lost).isEmpty();
      assertThat(atCentre).hasSameSizeAs(tillSales);
      assertThat(centre.engine().tillSync().verify(DemoStore.ID)).isEmpty();
      assertThat(centre.engine().journal().verify(DemoStore.ID)).isEmpty();
      assertThat(centre.engine().tillSync().position(DemoStore.ID, "T01").acceptedUpTo())
          .isEqualTo(tillJournal.size());
    }
  }

  @Test
  void twoTillsSellingTheLastMugsOfflineTakeTheCentreBelowZeroAndTheSkuIsFlagged()
      throws Exception {
    Path stderr = dir.resolve("tills-stderr.log");
    try (RetailServer centre = TillMainTest.centre();
        CuttableProxy cable = new CuttableProxy(centre.port())) {
      BigDecimal mugsAtCentre =
          centre
              .engine()
              .stock()
              .ledger()
              .level(StockKey.floor(DemoStore.ID, Sku.of("MUG")))
              .onHand();
      // both tills take the centre's reference data, then lose the network and sell mugs
      List<TillProcess> tills = new ArrayList<>();
      for (String till : List.of("T01", "T02")) {
        try (TillProcess p =
            TillProcess.start(
                stderr,
                args(
                    centre,
                    cable.port(),
                    till,
                    till + ".db",
                    "--sales",
                    0,
                    "--drain-seconds",
                    5))) {
          assertThat(p.await(120)).as("stderr: %s", Files.readString(stderr)).isZero();
        }
      }
      cable.cut();
      int sold = 0;
      for (String till : List.of("T01", "T02")) {
        TillProcess p =
            TillProcess.start(
                stderr,
                args(
                    centre,
                    cable.port(),
                    till,
                    till + ".db",
                    "--skus",
                    "MUG",
                    "--sales",
                    12,
                    "--seed",
                    till.hashCode(),
                    "--drain-seconds",
                    1));
        tills.add(p);
      }
      for (TillProcess p : tills) {
        assertThat(p.await(120)).as("stderr: %s", Files.readString(stderr)).isZero();
        assertThat(p.lines()).doesNotContain("PENDING 0"); // offline: nothing reached the centre
        sold += p.sold().size();
      }
      assertThat(sold).isEqualTo(24);
      cable.restore();
      for (String till : List.of("T01", "T02")) {
        try (TillProcess p =
            TillProcess.start(
                stderr,
                args(
                    centre,
                    cable.port(),
                    till,
                    till + ".db",
                    "--sales",
                    0,
                    "--drain-seconds",
                    60))) {
          assertThat(p.await(120)).as("stderr: %s", Files.readString(stderr)).isZero();
          assertThat(p.lines()).contains("PENDING 0");
        }
      }
      BigDecimal mugsSold = BigDecimal.ZERO;
      for (Sale s : centre.engine().sales().list(DemoStore.ID)) {
        for (var line : s.basket().lines()) {
          if (line.sku().value().equals("MUG")) {
            mugsSold = mugsSold.add(line.quantity().value());
          }
        }
      }
      BigDecimal onHand =
          centre
              .engine()
              .stock()
              .ledger()
              .level(StockKey.floor(DemoStore.ID, Sku.of("MUG")))
              .onHand();
      assertThat(onHand).isEqualByComparingTo(mugsAtCentre.subtract(mugsSold));
      assertThat(onHand.signum()).as("12 sales of 1 to 9 mugs each per till").isNegative();
      assertThat(centre.engine().tillSync().flags(DemoStore.ID))
          .filteredOn(f -> f.kind() == TillFlag.Kind.OVERSOLD)
          .extracting(TillFlag::subject)
          .contains("MUG");
      assertThat(centre.engine().tillSync().verify(DemoStore.ID)).isEmpty();
    }
  }
}
