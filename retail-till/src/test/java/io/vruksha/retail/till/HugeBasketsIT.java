package io.vruksha.retail.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.json.DocumentJson;
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
import io.vruksha.retail.sync.TillDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baskets of hundreds of lines reach the real centre, each once and in order, in batches that stay
 * under its request-size limit; one document larger than the limit stops the pusher with a refusal
 * that names it, rather than a retry that never ends.
 */
class HugeBasketsIT {

  private static final String TILL = "T01";
  private static final List<String> SKUS = List.of("MUG", "COFFEE", "TEE-M");

  @TempDir Path dir;

  private RetailServer centre;
  private CentreClient client;

  private void startCentre(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("JWT_SECRET", "a-test-secret-of-at-least-32-characters");
    centre = RetailServer.start(ServerConfig.from(env).withPort(0), Map.of());
    String token =
        centre
            .context()
            .tokens()
            .issueService("till-" + TILL, Role.SUPERVISOR, Set.of("demo"), Duration.ofMinutes(10));
    client =
        new CentreClient(
            URI.create("http://127.0.0.1:" + centre.port()), token, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    if (centre != null) {
      centre.close();
    }
  }

  /** A till that pulled the demo store from the centre, with an open shift. */
  private RetailEngine till() {
    RetailEngine till = TillMain.openEngine(dir.resolve("till.db"), TILL);
    new ReferenceData(till, DemoStore.ID, client, Optional.empty()).pull();
    return till;
  }

  private static Sale sell(RetailEngine till, Shift shift, int n, int lines) {
    Actor anna = Actor.cashier("anna");
    BasketRequest.Builder basket = BasketRequest.builder(DemoStore.ID);
    for (int l = 0; l < lines; l++) {
      basket.add(SKUS.get(l % SKUS.size()), 1 + l % 4);
    }
    BasketRequest request = basket.build();
    Money total = till.priceBasket(request, anna).total();
    return till.checkout(
        CheckoutRequest.of("huge-" + n, request, new Tender.Cash(total)).inShift(shift.id()), anna);
  }

  private static long bytes(RetailEngine till, FiscalDocument entry) {
    TillDocument d = new JournalDocuments(till, DemoStore.ID, TILL).document(entry);
    return DocumentJson.write(d).getBytes(StandardCharsets.UTF_8).length;
  }

  /** The centre holds exactly the till's journal, entry for entry, in order. */
  private void centreHoldsTheJournal(RetailEngine till) {
    List<FiscalDocument> own = till.journal().entries(DemoStore.ID);
    List<FiscalDocument> held = centre.engine().tillSync().ledger().entries(DemoStore.ID, TILL);
    assertThat(held)
        .extracting(FiscalDocument::sequence)
        .containsExactlyElementsOf(own.stream().map(FiscalDocument::sequence).toList());
    assertThat(held)
        .extracting(FiscalDocument::hash)
        .containsExactlyElementsOf(own.stream().map(FiscalDocument::hash).toList());
    assertThat(centre.engine().tillSync().verify(DemoStore.ID)).isEmpty();
  }

  /**
   * Sales enough to be several times the centre's 1 MiB limit (about 3.5 MB), which a batch bound
   * by count alone sent as one refused request; more only make the run longer.
   */
  private static final int SALES = 12;

  @Test
  void twelveSalesOfThreeHundredLinesArriveOnceInOrder() {
    startCentre(Map.of()); // MAX_BODY_BYTES at its default, 1 MiB
    RetailEngine till = till();
    Shift shift =
        till.registers().open(DemoStore.ID, TILL, Money.of("100.00", "EUR"), Actor.cashier("anna"));
    List<String> numbers =
        IntStream.range(0, SALES).mapToObj(i -> sell(till, shift, i, 300).number()).toList();
    long total = till.journal().entries(DemoStore.ID).stream().mapToLong(e -> bytes(till, e)).sum();
    System.out.printf(
        "huge baskets: %d sales of 300 lines, %d bytes of JSON (%d per sale)%n",
        SALES, total, total / SALES);
    assertThat(total).as("more than the centre takes in one request").isGreaterThan(1 << 20);

    TillPusher pusher = new TillPusher(till, DemoStore.ID, TILL, client);
    TillPusher.Pushed pushed = pusher.pushOnce();

    assertThat(pushed.sent()).isEqualTo(SALES);
    assertThat(pushed.received()).isEqualTo(SALES);
    assertThat(pushed.duplicates()).isZero();
    assertThat(pushed.acceptedUpTo()).isEqualTo(SALES);
    assertThat(pusher.pending()).isZero();
    centreHoldsTheJournal(till);
    List<String> atCentre =
        centre.engine().sales().list(DemoStore.ID).stream().map(Sale::number).toList();
    assertThat(atCentre).containsExactlyInAnyOrderElementsOf(numbers);
    assertThat(centre.engine().sales().list(DemoStore.ID))
        .allSatisfy(s -> assertThat(s.basket().lines()).hasSize(300));
  }

  @Test
  void aCentreWithASmallerLimitGetsSmallerBatchesAndADocumentOverItIsNamed() throws Exception {
    startCentre(Map.of("MAX_BODY_BYTES", "200000"));
    RetailEngine till = till();
    Shift shift =
        till.registers().open(DemoStore.ID, TILL, Money.of("100.00", "EUR"), Actor.cashier("anna"));
    for (int i = 0; i < 30; i++) {
      sell(till, shift, i, 60);
    }
    Sale huge = sell(till, shift, 30, 1000);
    sell(till, shift, 31, 1);
    List<FiscalDocument> entries = till.journal().entries(DemoStore.ID);
    long hugeBytes = bytes(till, entries.get(30));
    System.out.printf(
        "huge baskets: a sale of 60 lines is %d bytes, one of 1,000 lines %d%n",
        bytes(till, entries.get(0)), hugeBytes);
    assertThat(hugeBytes).isGreaterThan(200_000);

    // the default batch bound (512 KiB) is over this centre's limit: refused, then halved
    TillPusher pusher = new TillPusher(till, DemoStore.ID, TILL, client);
    assertThatThrownBy(pusher::pushOnce)
        .isInstanceOfSatisfying(
            CentreRefusedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.code()).isEqualTo("request.too_large");
            })
        .hasMessageContaining("document 31 of till T01")
        .hasMessageContaining(huge.number())
        .hasMessageContaining("MAX_BODY_BYTES");
    // everything before it arrived, once, in order; nothing after it
    assertThat(client.position(DemoStore.ID, TILL).acceptedUpTo()).isEqualTo(30);
    List<FiscalDocument> held = centre.engine().tillSync().ledger().entries(DemoStore.ID, TILL);
    assertThat(held)
        .extracting(FiscalDocument::hash)
        .containsExactlyElementsOf(
            entries.subList(0, 30).stream().map(FiscalDocument::hash).toList());

    // run on its own, it stops and says why instead of trying again for ever
    pusher.runEvery(Duration.ofMillis(50));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (pusher.problem().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    pusher.close();
    assertThat(pusher.problem()).get().asString().contains("MAX_BODY_BYTES");
    assertThat(pusher.unreachable()).isEmpty();
  }
}
