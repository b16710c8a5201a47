package io.vruksha.retail.differential;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sequences the generated runs found the engines disagreeing on, fixed: each names what it shows
 * and the seed that found it. They run the same comparison as {@link DifferentialIT}.
 */
class DifferentialRegressionIT {

  @AfterEach
  void close() {
    World.closeCurrent();
  }

  /**
   * Seed 7606629563607247094: PostgreSQL read stock back as 17.000 where the in-memory ledger kept
   * 17, so GET /stock answered "17.000" on one and "17" on the other.
   */
  @Test
  void aStockLevelReadsTheSameWhicheverAdapterKeptIt() {
    // on a whole microsecond, so that only the quantities' form is at stake
    World.start(Instant.parse("2026-03-28T21:00:00.000001Z"))
        .runAll(
            List.of(
                new Op.Receive("CAKE", "12"),
                new Op.Count("GOUDA", "3.210"),
                new Op.Sell(List.of(new Op.Line("GOUDA", "0.609")), -1, "CARD", false, false)));
  }

  /**
   * Seed 7606629563607247094 (and every seed since: the clock starts a nanosecond past the second):
   * the in-memory ledger kept a movement's instant to the nanosecond, PostgreSQL to the
   * microsecond, so the same movement read back 21:00:00.000000001Z and 21:00:00Z. The engine's
   * instants are microseconds wherever they are made.
   */
  @Test
  void anInstantWithNanosecondsReadsTheSameOnEveryEngine() {
    World.start(Instant.parse("2026-03-28T21:00:00.000000001Z"))
        .runAll(
            List.of(
                new Op.Tick(999),
                new Op.Receive("MUG", "3"),
                new Op.Sell(List.of(new Op.Line("MUG", "1")), -1, "CASH", false, false),
                new Op.Return(0, 0, "1", true, false)));
  }

  /**
   * Seed -2138472450585372562: an order reserved CAKE and COFFEE, then found no MUG; PostgreSQL
   * rolled the whole placement back, the in-memory engine kept CAKE and COFFEE reserved (undoing a
   * reservation released it, and the release registered an undo of its own that the rollback then
   * ran, reserving again), so GET /stock showed 3 and 4 reserved on one and 0 on the other.
   */
  @Test
  void anOrderRefusedForOneLineReservesNothing() {
    World.start()
        .runAll(
            List.of(
                new Op.Count("MUG", "0"),
                new Op.PlaceOrder(
                    List.of(
                        new Op.Line("MUG", "1"),
                        new Op.Line("TEE-M", "2"),
                        new Op.Line("COFFEE", "4"),
                        new Op.Line("CAKE", "3")),
                    "PHONE",
                    -1,
                    1)));
  }

  /**
   * Seed -2138472450585372562: the engines booked a receipt and a count of a SKU the catalogue did
   * not have yet, the API refused them (catalog.sku_unknown). Now every engine refuses them, and
   * once the product exists the same receipt is booked everywhere.
   */
  @Test
  void stockOfASkuTheCatalogueDoesNotHaveIsRefusedOnEveryEngine() {
    World.start()
        .runAll(
            List.of(
                new Op.Receive("NEW-EA", "5"),
                new Op.Count("NEW-KG", "1.250"),
                new Op.NewProduct("NEW-EA", "Zoë Ångström", "kitchen", "standard"),
                new Op.Receive("NEW-EA", "5"),
                new Op.Count("NEW-EA", "3")));
  }

  /**
   * Not a seed's: an import (a weighed product with a four-decimal price, receipts, one of a SKU
   * the catalogue does not have, two customers) written set-based by the command line and through
   * the reference's ports, then sold by the kilogram and to an imported customer; then another
   * import.
   */
  @Test
  void anImportWritesWhatThePortsWrite() {
    World.start()
        .runAll(
            List.of(
                new Op.Import(
                    "NEW-KG",
                    "Käse «Ærø» 🧀",
                    "cheese",
                    "reduced",
                    "12.3456",
                    List.of(
                        new Op.Line("NEW-KG", "4.321"),
                        new Op.Line("NEW-EA", "2"),
                        new Op.Line("MUG", "7")),
                    List.of("Zoë Ångström", "王小明")),
                new Op.Tick(1_000),
                new Op.Sell(
                    List.of(new Op.Line("NEW-KG", "0.333"), new Op.Line("MUG", "1")),
                    0,
                    "CASH",
                    false,
                    false),
                // a second import a moment later: its instants are its own (seed
                // -1231828675056301020 found the first import's window reaching into it)
                new Op.Import(
                    "NEW-EA",
                    "Renée 🧀 Fromage",
                    "bakery",
                    "standard",
                    "888.17",
                    List.of(),
                    List.of("乕ƐнÈɅĐ"))));
  }

  /**
   * The import's first generated runs: a product made through the API, read (and so cached), then
   * imported again with another name, category and tax category. The command line leaves running
   * processes' near-caches alone (a known gap, see the README); the test drops them after an
   * import, and then every engine reads the imported product.
   */
  @Test
  void aProductImportedAgainReadsAsImported() {
    World.start()
        .runAll(
            List.of(
                new Op.NewProduct("NEW-EA", "ӓǂҠȓǃЇ҄ҙŐĝҌ", "bakery", "standard"),
                new Op.SetPrice("NEW-EA", "3.50"),
                new Op.Sell(List.of(new Op.Line("NEW-EA", "1")), -1, "CARD", false, false),
                new Op.Import(
                    "NEW-EA",
                    "José\u0301 Nuñez",
                    "shirts",
                    "reduced",
                    "814.29",
                    List.of(new Op.Line("NEW-EA", "3")),
                    List.of()),
                new Op.Sell(List.of(new Op.Line("NEW-EA", "2")), -1, "CARD", false, false)));
  }

  /**
   * Not a seed's: the whole life of an order, which generated runs seldom reach (placed, picked,
   * ready, collected as a sale in cash), on a clock with nanosecond digits.
   */
  @Test
  void anOrderCollectedIsTheSameSaleOnEveryEngine() {
    World.start()
        .runAll(
            List.of(
                new Op.PlaceOrder(
                    List.of(new Op.Line("MUG", "2"), new Op.Line("GOUDA", "0.455")), "WEB", -1, 48),
                new Op.Tick(1_001),
                new Op.PickOrder(-1, false),
                new Op.ReadyOrder(-1),
                new Op.Tick(999_999_999),
                new Op.CollectOrder(-1)));
  }
}
