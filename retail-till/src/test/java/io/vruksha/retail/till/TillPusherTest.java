package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.memory.InMemorySales;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillDocument;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A till's documents reach a centre that keeps the contract's rules, each exactly once and in
 * order, through crashes of either side, an unreachable centre, overlaps and gaps; a refusal stops
 * the pusher.
 */
class TillPusherTest {

  private static final StoreId STORE = StoreId.of("s1");
  private static final String TILL = "T01";

  private FakeCentre centre;
  private CentreClient client;

  @BeforeEach
  void start() throws Exception {
    centre = new FakeCentre();
    client = new CentreClient(centre.uri(), "till-token", Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    centre.close();
  }

  @TempDir static Path files;
  private static final AtomicInteger TILL_FILES = new AtomicInteger();

  /** A till's engine on a file of its own holding the small shop, with an open shift. */
  private static Till till() {
    return till(
        TillMain.openEngine(files.resolve("till-" + TILL_FILES.incrementAndGet() + ".db"), TILL));
  }

  private static Till till(RetailEngine engine) {
    TillSeed.seedIfEmpty(engine, STORE);
    Shift shift =
        engine.registers().open(STORE, TILL, Money.of("100.00", "EUR"), Actor.cashier("anna"));
    return new Till(engine, shift, new Random(42));
  }

  private record Till(RetailEngine engine, Shift shift, Random random) {
    List<Sale> sell(int n) {
      return IntStream.range(0, n)
          .mapToObj(
              i ->
                  TillMain.sell(
                      engine,
                      STORE,
                      shift.id(),
                      random,
                      TillSeed.PRODUCTS.stream().map(p -> p[0]).toList(),
                      "key-" + random.nextLong()))
          .toList();
    }
  }

  /** The centre holds sequences 1..n, each once, in order, with the till's own entries. */
  private void centreHoldsExactly(Till till, long n) {
    assertThat(centre.applied)
        .extracting(TillDocument::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
    assertThat(centre.applied)
        .extracting(d -> d.entry().hash())
        .containsExactlyElementsOf(
            till.engine().journal().entries(STORE).stream().limit(n).map(e -> e.hash()).toList());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void batchesStayUnderTheirBytesAndADocumentOverThemGoesAlone() throws Exception {
    Till till = till();
    till.sell(40);
    int limit = 4096;
    TillPusher pusher = new TillPusher(till.engine(), STORE, TILL, client, limit);

    TillPusher.Pushed pushed = pusher.pushOnce();

    assertThat(pushed.sent()).isEqualTo(40);
    centreHoldsExactly(till, 40);
    assertThat(centre.batches).hasSizeGreaterThan(40 * 1500 / limit);
    for (int i = 0; i < centre.batches.size(); i++) {
      if (centre.batches.get(i) > 1) {
        // the documents within the bound, plus {"documents":[...]}
        assertThat(centre.batchBytes.get(i)).as("batch " + i).isLessThanOrEqualTo(limit + 16);
      }
    }
    // a bound below one document: each goes alone
    Till other = till();
    other.sell(5);
    try (FakeCentre second = new FakeCentre()) {
      CentreClient toSecond = new CentreClient(second.uri(), "till-token", Duration.ofSeconds(5));
      assertThat(new TillPusher(other.engine(), STORE, TILL, toSecond, 1024).pushOnce().sent())
          .isEqualTo(5);
      assertThat(second.batches).containsExactly(1, 1, 1, 1, 1);
    }
    assertThatThrownBy(() -> new TillPusher(till.engine(), STORE, TILL, client, 1023))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1024");
  }

  @Test
  void everySaleReachesTheCentreOnceInBatchesOfAtMostAHundred() {
    Till till = till();
    till.sell(250);
    TillPusher pusher = new TillPusher(till.engine(), STORE, TILL, client);
    assertThat(pusher.pending()).isEqualTo(250);

    TillPusher.Pushed pushed = pusher.pushOnce();

    assertThat(pushed.sent()).isEqualTo(250);
    assertThat(pushed.received()).isEqualTo(250);
    assertThat(pushed.acceptedUpTo()).isEqualTo(250);
    assertThat(centre.batches).containsExactly(100, 100, 50);
    centreHoldsExactly(till, 250);
    assertThat(pusher.pending()).isZero();
    // nothing left: the next push only asks where the centre stands
    assertThat(pusher.pushOnce().sent()).isZero();
    assertThat(centre.batches).hasSize(3);
  }

  @Test
  void theServersSuccessEnvelopeReadsAsTheBareAnswer() {
    centre.enveloped = true;
    centre.oversold = List.of(Map.of("sku", "MUG", "onHand", "-1"));
    Till till = till();
    till.sell(5);

    TillPusher.Pushed pushed = new TillPusher(till.engine(), STORE, TILL, client).pushOnce();

    assertThat(pushed.acceptedUpTo()).isEqualTo(5);
    assertThat(pushed.oversold()).containsExactly(new CentreClient.Oversold("MUG", "-1"));
    centreHoldsExactly(till, 5);
  }

  @Test
  void returnsAndZReportsTravelWithTheirDocuments() {
    Till till = till();
    List<Sale> sold = till.sell(3);
    Sale first = sold.get(0);
    till.engine()
        .acceptReturn(
            ReturnRequest.of(
                    "return-1", first.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
                .inShift(till.shift().id()),
            Actor.supervisor("sam"));
    till.engine()
        .registers()
        .close(till.shift().id(), Money.of("100.00", "EUR"), Actor.supervisor("sam"));
    TillPusher pusher = new TillPusher(till.engine(), STORE, TILL, client);
    assertThat(pusher.pendingByKind())
        .containsEntry(DocumentKind.INVOICE, 3L)
        .containsEntry(DocumentKind.CREDIT_NOTE, 1L)
        .containsEntry(DocumentKind.Z_REPORT, 1L);

    pusher.pushOnce();

    centreHoldsExactly(till, 5);
    assertThat(centre.applied.get(3).returnReceipt()).isPresent();
    assertThat(centre.applied.get(4).zReport().flatMap(z -> z.number())).isPresent();
    assertThat(centre.applied.get(4).shift().map(Shift::id)).contains(till.shift().id());
  }

  @Test
  void afterACrashMidBatchANewPusherResumesFromTheCentresPosition() {
    Till till = till();
    till.sell(30);
    centre.crashAfter = 12; // applies 12 of the batch, then fails before answering
    TillPusher before = new TillPusher(till.engine(), STORE, TILL, client);

    assertThatThrownBy(before::pushOnce).isInstanceOf(CentreUnreachableException.class);
    assertThat(centre.acceptedUpTo()).isEqualTo(12);

    // the till restarts: a pusher with no memory of its own asks the centre and goes on
    TillPusher after = new TillPusher(till.engine(), STORE, TILL, client);
    TillPusher.Pushed pushed = after.pushOnce();

    assertThat(pushed.sent()).isEqualTo(18);
    assertThat(pushed.duplicates()).isZero();
    centreHoldsExactly(till, 30);
  }

  @Test
  void whileTheCentreIsDownTheTillKeepsSellingAndEverythingArrivesWhenItIsBack() throws Exception {
    Till till = till();
    centre.down = true;
    till.sell(20);
    try (TillPusher pusher = new TillPusher(till.engine(), STORE, TILL, client)) {
      pusher.runEvery(Duration.ofMillis(20));
      await(() -> pusher.unreachable().isPresent(), "the pusher noticed the centre is down");
      till.sell(5);
      assertThat(pusher.pending()).isEqualTo(25);
      assertThat(centre.acceptedUpTo()).isZero();

      centre.down = false;
      await(() -> centre.acceptedUpTo() == 25, "the centre holds all 25");
      await(() -> pusher.pending() == 0, "the till knows it");
      till.sell(3);
      await(() -> centre.acceptedUpTo() == 28, "a sale after the outage arrives too");

      assertThat(pusher.problem()).isEmpty();
      assertThat(pusher.unreachable()).isEmpty();
    }
    centreHoldsExactly(till, 28);
  }

  @Test
  void aCablePulledBeforeTheAnswerLosesNothingAndAppliesNothingTwice() throws Exception {
    Till till = till();
    till.sell(40);
    try (CuttableProxy cable = new CuttableProxy(centre.uri().getPort())) {
      CentreClient viaCable =
          new CentreClient(
              URI.create("http://127.0.0.1:" + cable.port()), "till-token", Duration.ofSeconds(5));
      // the network goes away while the centre works on the batch: it applies all of it, and
      // its answer never reaches the till
      centre.hookAt = 17;
      centre.hook = cable::cut;

      assertThatThrownBy(() -> new TillPusher(till.engine(), STORE, TILL, viaCable).pushOnce())
          .isInstanceOf(CentreUnreachableException.class);
      assertThat(centre.acceptedUpTo()).isEqualTo(40);

      cable.restore();
      // the till does not know; it asks, and sends nothing again
      TillPusher.Pushed pushed = new TillPusher(till.engine(), STORE, TILL, viaCable).pushOnce();
      assertThat(pushed.sent()).isZero();
      centreHoldsExactly(till, 40);

      // and while selling, with the cable pulled and plugged back three times
      try (TillPusher pusher = new TillPusher(till.engine(), STORE, TILL, viaCable)) {
        pusher.runEvery(Duration.ofMillis(10));
        for (int round = 0; round < 3; round++) {
          till.sell(15);
          cable.cut();
          till.sell(5);
          Thread.sleep(100);
          cable.restore();
        }
        await(() -> centre.acceptedUpTo() == 100, "the centre holds all 100");
        assertThat(pusher.problem()).isEmpty();
      }
    }
    centreHoldsExactly(till, 100);
  }

  @Test
  void anOverlapIsSkippedAsDuplicatesAndAppliedOnce() {
    Till till = till();
    till.sell(10);
    new TillPusher(till.engine(), STORE, TILL, client).pushOnce();
    till.sell(5);
    centre.stalePositionOnce = 4; // the centre answers an old position once

    TillPusher.Pushed pushed = new TillPusher(till.engine(), STORE, TILL, client).pushOnce();

    // 5..10 again (6 duplicates, skipped), 11..15 new
    assertThat(pushed.duplicates()).isEqualTo(6);
    assertThat(pushed.received()).isEqualTo(5);
    centreHoldsExactly(till, 15);
  }

  @Test
  void aSequenceGapMakesThePusherReadThePositionAgainAndSendFromThere() {
    Till till = till();
    till.sell(10);
    new TillPusher(till.engine(), STORE, TILL, client).pushOnce();
    till.sell(5);
    // between the position and the batch the centre is restored from a backup holding 6
    centre.afterNextPosition = () -> centre.rollBackTo(6);

    TillPusher.Pushed pushed = new TillPusher(till.engine(), STORE, TILL, client).pushOnce();

    assertThat(pushed.acceptedUpTo()).isEqualTo(15);
    assertThat(pushed.received()).isEqualTo(9); // 7..15, after the 409 for 11
    centreHoldsExactly(till, 15);
  }

  @Test
  void aRefusalStopsThePusherAndNothingAfterItIsSent() throws Exception {
    Till till = till();
    till.sell(10);
    centre.refuseAt = 8;
    TillPusher once = new TillPusher(till.engine(), STORE, TILL, client);

    assertThatThrownBy(once::pushOnce)
        .isInstanceOfSatisfying(
            CentreRefusedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("till.chain_broken");
            })
        .isNotInstanceOf(SequenceGapException.class);
    assertThat(centre.acceptedUpTo()).isEqualTo(7); // each document is its own unit

    try (TillPusher running = new TillPusher(till.engine(), STORE, TILL, client)) {
      running.runEvery(Duration.ofMillis(20));
      await(() -> running.problem().isPresent(), "the pusher stopped");
      int batches = centre.batches.size();
      till.sell(3);
      Thread.sleep(200);
      assertThat(centre.batches).as("a stopped pusher sends nothing more").hasSize(batches);
      assertThat(running.pending()).isEqualTo(6);
    }
    centreHoldsExactly(till, 7);
  }

  @Test
  void aCentreHoldingAnotherChainForTheTillStopsThePusherBeforeItSendsAnything() {
    Till first = till();
    first.sell(5);
    new TillPusher(first.engine(), STORE, TILL, client).pushOnce();
    // a second till under the same id (or an old backup of this one), with its own chain
    Till second = till();
    second.sell(7);
    int batches = centre.batches.size();

    assertThatThrownBy(() -> new TillPusher(second.engine(), STORE, TILL, client).pushOnce())
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.JOURNAL_BROKEN))
        .hasMessageContaining("entry 5");
    assertThat(centre.batches).hasSize(batches);
    centreHoldsExactly(first, 5);
  }

  @Test
  void aTillIdOutsideTheContractIsRefused() {
    Till till = till();
    for (String bad : List.of("", "T-01", "TOOLONG09", "T 1")) {
      assertThatThrownBy(() -> new TillPusher(till.engine(), STORE, bad, client))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
    }
  }

  @Test
  void anEntryWhoseSaleTheTillCannotFindIsAnErrorNotSkipped() {
    InMemorySales real = new InMemorySales();
    Sales hidingOne =
        (Sales)
            Proxy.newProxyInstance(
                Sales.class.getClassLoader(),
                new Class<?>[] {Sales.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("search")
                      && ((SaleQuery) args[0])
                          .number()
                          .filter(n -> n.endsWith("000004"))
                          .isPresent()) {
                    return List.of();
                  }
                  return method.invoke(real, args);
                });
    Till till = till(RetailEngine.builder().till(TILL).sales(hidingOne).build());
    till.sell(6);

    assertThatThrownBy(() -> new TillPusher(till.engine(), STORE, TILL, client).pushOnce())
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.JOURNAL_BROKEN))
        .hasMessageContaining("entry 4")
        .hasMessageContaining("no sale");
    assertThat(centre.acceptedUpTo()).isZero();
  }
}
