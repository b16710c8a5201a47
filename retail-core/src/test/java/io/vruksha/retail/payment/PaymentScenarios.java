package io.vruksha.retail.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.ImportedGiftCard;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.order.MovableClock;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.payment.simulated.SimulatedCardTerminal;
import io.vruksha.retail.payment.simulated.SimulatedCrypto;
import io.vruksha.retail.payment.simulated.SimulatedProvider;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkouts paid through providers, end to end through the engine on the demo store with the
 * simulated card terminal, BNPL and crypto providers: completion only after approval, release on
 * decline, expiry and cancel, duplicate, late and out-of-order callbacks, a crash between the
 * provider's approval and our commit, and refunds. Each adapter runs the same scenarios by
 * extending this class.
 */
public abstract class PaymentScenarios {

  /** 2026-11-24 11:00 UTC: the demo prices hold, no promotion touches T-shirts. */
  protected static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private static final Duration DAYS_365 = Duration.ofDays(365);

  protected static final String SECRET = "a-shared-secret-of-some-length";
  private static final Actor ANNA = Actor.cashier("anna");
  private static final Actor MAX = Actor.supervisor("max");

  protected final MovableClock clock = new MovableClock(NOON);
  protected final SimulatedCardTerminal card = new SimulatedCardTerminal(SECRET, clock);
  protected final SimulatedBnpl bnpl = new SimulatedBnpl(SECRET, clock);
  protected final SimulatedCrypto crypto = new SimulatedCrypto(SECRET, clock, 3);

  /** Set to make the next capture "crash the process" right after the provider took the money. */
  protected final AtomicBoolean crashAfterCapture = new AtomicBoolean();

  protected RetailEngine engine;

  /** An engine builder over the adapters under test (fresh ones per call). */
  protected abstract RetailEngine.Builder adapters();

  /**
   * The engine a restarted process builds over the same stored state: a new engine on the same
   * database, or (in memory, where nothing survives a process) the same engine.
   */
  protected RetailEngine restarted() {
    return engine;
  }

  /** The providers as the server registers them with both flags on. */
  protected PaymentProviders providers() {
    return new PaymentProviders()
        .register(TenderKind.CARD, new CrashingAfterCapture(card, crashAfterCapture))
        .register(TenderKind.BNPL, bnpl)
        .register(TenderKind.CRYPTO, crypto);
  }

  @BeforeEach
  void seed() {
    // the scenarios read the events from the outbox: nothing may drain it in process
    engine = adapters().clock(clock).paymentProviders(providers()).reactInProcess(false).build();
    DemoStore.seed(engine);
    engine.customers().create(DemoStore.ID, Customer.of("c-1", "Ada", NOON));
  }

  // ---------------------------------------------------------------- fixtures

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static BasketRequest twoTees(Shopper shopper) {
    // 2 × 19.99 = 39.98
    return BasketRequest.builder(DemoStore.ID).shopper(shopper).add("TEE-M", 2).build();
  }

  private static CheckoutRequest request(String key, Tender... tenders) {
    return CheckoutRequest.of(key, twoTees(Shopper.ANONYMOUS), tenders);
  }

  private PendingCheckout begin(String key, Tender... tenders) {
    return engine.payments().begin(request(key, tenders), ANNA);
  }

  private PendingCheckout cashAndBnpl(String key) {
    // 10.00 in cash, the other 29.98 by BNPL
    return begin(
        key,
        new Tender.Cash(eur("10.00")),
        new Tender.Provider(TenderKind.BNPL, eur("29.98"), "ada@example.com"));
  }

  private Payment onlyPayment(PendingCheckout pc) {
    List<Payment> ps = engine.payments().payments().ofCheckout(DemoStore.ID, pc.id());
    assertThat(ps).hasSize(1);
    return ps.get(0);
  }

  private PendingCheckout deliver(SimulatedProvider provider, SimulatedProvider.Callback c) {
    return engine.payments().callback(DemoStore.ID, provider.name(), c.body(), c.signature());
  }

  private BigDecimal reserved(String sku) {
    return engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of(sku))).reserved();
  }

  private BigDecimal onHand(String sku) {
    return engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of(sku))).onHand();
  }

  private int journalEntries() {
    return engine.journal().entries(DemoStore.ID).size();
  }

  private List<DomainEvent.PaymentChanged> paymentEvents() {
    return EngineHost.outbox(engine).pending(10_000).stream()
        .map(e -> e.payload())
        .filter(DomainEvent.PaymentChanged.class::isInstance)
        .map(DomainEvent.PaymentChanged.class::cast)
        .toList();
  }

  private List<Sale> sales() {
    return engine.sales().list(DemoStore.ID);
  }

  // ---------------------------------------------------------------- completion and release

  @Test
  void aSalePaidPartCashPartBnplCompletesOnlyAfterTheSimulatedApproval() {
    int journal = journalEntries();
    PendingCheckout pc = cashAndBnpl("k-1");

    assertThat(pc.status()).isEqualTo(PendingCheckout.Status.PAYMENT_PENDING);
    assertThat(pc.receiptNumber()).isEmpty();
    assertThat(pc.total()).isEqualTo(eur("39.98"));
    // reserved, not sold: 20 on hand stay 20, 2 of them promised
    assertThat(reserved("TEE-M")).isEqualByComparingTo("2");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(journalEntries()).isEqualTo(journal);
    assertThat(sales()).isEmpty();
    Payment pending = onlyPayment(pc);
    assertThat(pending.state()).isEqualTo(PaymentState.PENDING);
    assertThat(pending.action()).startsWith("https://bnpl.example/approve/");

    PendingCheckout done =
        deliver(bnpl, bnpl.change(pending.id(), PaymentState.AUTHORIZED, "approved"));

    assertThat(done.status()).isEqualTo(PendingCheckout.Status.COMPLETED);
    Sale sale = engine.sales().find(done.saleId().orElseThrow()).orElseThrow();
    assertThat(done.receiptNumber()).contains(sale.number());
    assertThat(sale.tenders())
        .extracting(t -> t.kind() + " " + t.amount())
        .containsExactly("CASH 10.00 EUR", "BNPL 29.98 EUR");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("18");
    assertThat(journalEntries()).isEqualTo(journal + 1);
    assertThat(bnpl.stateOf(pending.id())).isEqualTo(PaymentState.CAPTURED);
    Payment captured = onlyPayment(pc);
    assertThat(captured.state()).isEqualTo(PaymentState.CAPTURED);
    assertThat(captured.saleId()).contains(sale.id());
    assertThat(paymentEvents())
        .extracting(e -> e.state() + "/" + e.checkoutStatus())
        .containsExactly("PENDING/PAYMENT_PENDING", "CAPTURED/COMPLETED");
    assertThat(paymentEvents().get(1).subject()).isEqualTo("retail.billing.payment.captured.v1");
    assertThat(paymentEvents().get(1).receiptNumber()).isEqualTo(sale.number());
  }

  @Test
  void aDeclinedBnplReleasesTheStockAndWritesNothingToTheJournal() {
    int journal = journalEntries();
    PendingCheckout pc = cashAndBnpl("k-1");

    PendingCheckout released =
        deliver(bnpl, bnpl.change(onlyPayment(pc).id(), PaymentState.DECLINED, "not approved"));

    assertThat(released.status()).isEqualTo(PendingCheckout.Status.RELEASED);
    assertThat(released.reason()).contains("declined");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(onHand("TEE-M")).isEqualByComparingTo("20");
    assertThat(journalEntries()).isEqualTo(journal);
    assertThat(sales()).isEmpty();
    assertThat(paymentEvents())
        .extracting(e -> e.subject() + "/" + e.checkoutStatus())
        .containsExactly(
            "retail.billing.payment.pending.v1/PAYMENT_PENDING",
            "retail.billing.payment.declined.v1/RELEASED");
  }

  @Test
  void receiptNumbersStayGaplessWithAPendingSaleBetweenTwoCashSales() {
    Sale first =
        engine.checkout(
            CheckoutRequest.of("cash-1", twoTees(Shopper.ANONYMOUS), new Tender.Cash(eur("40"))),
            ANNA);
    PendingCheckout pc = cashAndBnpl("k-1");
    Sale second =
        engine.checkout(
            CheckoutRequest.of("cash-2", twoTees(Shopper.ANONYMOUS), new Tender.Cash(eur("40"))),
            ANNA);
    PendingCheckout done =
        deliver(bnpl, bnpl.change(onlyPayment(pc).id(), PaymentState.AUTHORIZED, ""));

    // numbered in the order the money arrived: ...0001, ...0002, then the BNPL sale ...0003
    long n1 = Long.parseLong(first.number().substring(first.number().lastIndexOf('-') + 1));
    assertThat(second.number()).endsWith(String.format(Locale.ROOT, "%06d", n1 + 1));
    assertThat(done.receiptNumber().orElseThrow())
        .endsWith(String.format(Locale.ROOT, "%06d", n1 + 2));
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }

  @Test
  void aCardTerminalThatApprovesAtOnceCompletesTheSaleInOneCall() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Provider(TenderKind.CARD, eur("39.98"), SimulatedCardTerminal.APPROVE));

    assertThat(pc.status()).isEqualTo(PendingCheckout.Status.COMPLETED);
    assertThat(card.captures()).isEqualTo(1);
    Sale sale = engine.sales().find(pc.saleId().orElseThrow()).orElseThrow();
    assertThat(sale.tenders()).extracting(t -> t.kind()).containsExactly(TenderKind.CARD);
    assertThat(sale.tenders().get(0).reference()).startsWith("sim-card_");
  }

  @Test
  void aDeclinedCardReleasesAtOnce() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Provider(TenderKind.CARD, eur("39.98"), SimulatedCardTerminal.DECLINE));

    assertThat(pc.status()).isEqualTo(PendingCheckout.Status.RELEASED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.DECLINED);
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
  }

  @Test
  void aTerminalThatApprovesAfterADelayCompletesOnTheNextPoll() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Provider(
                TenderKind.CARD, eur("39.98"), SimulatedCardTerminal.APPROVE_AFTER_DELAY));
    assertThat(pc.status()).isEqualTo(PendingCheckout.Status.PAYMENT_PENDING);
    assertThat(engine.payments().poll(DemoStore.ID, pc.id()).status())
        .isEqualTo(PendingCheckout.Status.PAYMENT_PENDING);

    clock.advance(SimulatedCardTerminal.DELAY);

    assertThat(engine.payments().poll(DemoStore.ID, pc.id()).status())
        .isEqualTo(PendingCheckout.Status.COMPLETED);
  }

  @Test
  void aTerminalThatNeverAnswersExpiresAndReleasesTheStock() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Provider(TenderKind.CARD, eur("39.98"), SimulatedCardTerminal.TIME_OUT));
    clock.advance(SimulatedCardTerminal.TIMEOUT);

    PendingCheckout after = engine.payments().poll(DemoStore.ID, pc.id());

    assertThat(after.status()).isEqualTo(PendingCheckout.Status.RELEASED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
  }

  @Test
  void aCheckoutNobodyPaysExpiresAfterTheHold() {
    PendingCheckout pc = cashAndBnpl("k-1");
    clock.advance(PaymentCheckout.DEFAULT_HOLD);

    List<PendingCheckout> after = engine.payments().recheck(DemoStore.ID);

    assertThat(after)
        .extracting(PendingCheckout::status)
        .containsExactly(PendingCheckout.Status.EXPIRED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(bnpl.stateOf(onlyPayment(pc).id())).isEqualTo(PaymentState.VOIDED);
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(paymentEvents())
        .extracting(DomainEvent.PaymentChanged::subject)
        .last()
        .isEqualTo("retail.billing.payment.expired.v1");
  }

  @Test
  void aCashierCancelsAPendingPaymentAndTheProviderVoidsIt() {
    PendingCheckout pc = cashAndBnpl("k-1");

    PendingCheckout cancelled = engine.payments().cancel(DemoStore.ID, pc.id(), ANNA);

    assertThat(cancelled.status()).isEqualTo(PendingCheckout.Status.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("cancelled by anna");
    assertThat(bnpl.stateOf(onlyPayment(pc).id())).isEqualTo(PaymentState.VOIDED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.VOIDED);
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(engine.payments().cancel(DemoStore.ID, pc.id(), ANNA)).isEqualTo(cancelled);
  }

  @Test
  void aCompletedCheckoutCannotBeCancelled() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Provider(TenderKind.CARD, eur("39.98"), SimulatedCardTerminal.APPROVE));

    assertThatThrownBy(() -> engine.payments().cancel(DemoStore.ID, pc.id(), ANNA))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_STATE))
        .hasMessageContaining("take a return");
  }

  @Test
  void cryptoCompletesOnlyOnceItHasEnoughConfirmations() {
    PendingCheckout pc =
        begin("k-1", new Tender.Provider(TenderKind.CRYPTO, eur("39.98"), "wallet"));
    Payment p = onlyPayment(pc);
    assertThat(p.action()).startsWith("crypto:").contains("amount=39.98");

    assertThat(deliver(crypto, crypto.confirm(p.id(), 1)).status())
        .isEqualTo(PendingCheckout.Status.PAYMENT_PENDING);
    assertThat(deliver(crypto, crypto.confirm(p.id(), 3)).status())
        .isEqualTo(PendingCheckout.Status.COMPLETED);
    assertThat(sales()).hasSize(1);
  }

  // ---------------------------------------------------------------- never twice, never without

  @Test
  void aCallbackThatArrivesTwiceCompletesTheSaleOnceAndCapturesOnce() {
    PendingCheckout pc = cashAndBnpl("k-1");
    SimulatedProvider.Callback approved =
        bnpl.change(onlyPayment(pc).id(), PaymentState.AUTHORIZED, "");
    int journal = journalEntries();

    PendingCheckout first = deliver(bnpl, approved);
    PendingCheckout second = deliver(bnpl, approved);

    assertThat(second).isEqualTo(first);
    assertThat(sales()).hasSize(1);
    assertThat(journalEntries()).isEqualTo(journal + 1);
    assertThat(bnpl.captures()).isEqualTo(1);
    assertThat(paymentEvents()).hasSize(2);
  }

  @Test
  void outOfOrderCallbacksNeverMoveAPaymentBack() {
    PendingCheckout pc =
        begin("k-1", new Tender.Provider(TenderKind.CRYPTO, eur("39.98"), "wallet"));
    String id = onlyPayment(pc).id();
    SimulatedProvider.Callback oneConfirmation = crypto.confirm(id, 1);
    SimulatedProvider.Callback final3 = crypto.confirm(id, 3);

    deliver(crypto, final3);
    PendingCheckout after = deliver(crypto, oneConfirmation);
    // and a decline that a confused provider sends after the capture
    PendingCheckout after2 = deliver(crypto, crypto.callbackSaying(id, PaymentState.DECLINED));

    assertThat(after.status()).isEqualTo(PendingCheckout.Status.COMPLETED);
    assertThat(after2).isEqualTo(after);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.CAPTURED);
    assertThat(sales()).hasSize(1);
  }

  @Test
  void anApprovalThatArrivesAfterExpiryIsVoidedWithTheProvider() {
    PendingCheckout pc = cashAndBnpl("k-1");
    String id = onlyPayment(pc).id();
    clock.advance(PaymentCheckout.DEFAULT_HOLD);
    engine.payments().recheck(DemoStore.ID);
    // the provider approved as we expired it: its approval crosses our cancel
    SimulatedProvider.Callback lateApproval = bnpl.change(id, PaymentState.AUTHORIZED, "approved");

    PendingCheckout after = deliver(bnpl, lateApproval);

    assertThat(after.status()).isEqualTo(PendingCheckout.Status.EXPIRED);
    assertThat(bnpl.stateOf(id)).isEqualTo(PaymentState.VOIDED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.VOIDED);
    assertThat(sales()).isEmpty();
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    DomainEvent.PaymentChanged last = paymentEvents().get(paymentEvents().size() - 1);
    assertThat(last.state()).isEqualTo("VOIDED");
    assertThat(last.reason()).contains("approved after the sale was EXPIRED");
  }

  @Test
  void aCryptoPaymentConfirmedAfterExpiryIsPaidBackAsStoreCredit() {
    // crypto cannot be refunded by the provider: a known customer gets store credit
    PendingCheckout pc =
        engine
            .payments()
            .begin(
                CheckoutRequest.of(
                    "k-1",
                    twoTees(Shopper.customer("c-1")),
                    new Tender.Provider(TenderKind.CRYPTO, eur("39.98"), "wallet")),
                ANNA);
    String id = onlyPayment(pc).id();
    clock.advance(PaymentCheckout.DEFAULT_HOLD);
    engine.payments().recheck(DemoStore.ID);

    PendingCheckout after = deliver(crypto, crypto.change(id, PaymentState.CAPTURED, "paid late"));

    assertThat(after.status()).isEqualTo(PendingCheckout.Status.EXPIRED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.REFUNDED);
    assertThat(engine.storeCredits().balance("c-1", DemoStore.EUR)).isEqualTo(eur("39.98"));
    assertThat(sales()).isEmpty();
  }

  @Test
  void aCrashBetweenTheProvidersCaptureAndOurCommitIsRecoveredOnStart() {
    PendingCheckout pc =
        begin(
            "k-1",
            new Tender.Cash(eur("10.00")),
            new Tender.Provider(
                TenderKind.CARD, eur("29.98"), SimulatedCardTerminal.APPROVE_AFTER_DELAY));
    String id = onlyPayment(pc).id();
    clock.advance(SimulatedCardTerminal.DELAY);
    crashAfterCapture.set(true);

    // the terminal approves, we capture, and the process dies before the commit
    assertThatThrownBy(() -> engine.payments().poll(DemoStore.ID, pc.id()))
        .hasMessageContaining("process died");
    assertThat(card.stateOf(id)).isEqualTo(PaymentState.CAPTURED);
    assertThat(sales()).isEmpty();
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.PENDING);

    // on start, the pending payment is re-checked with the provider
    RetailEngine after = restarted();
    List<PendingCheckout> recovered = after.payments().recheck(DemoStore.ID);

    assertThat(recovered)
        .extracting(PendingCheckout::status)
        .containsExactly(PendingCheckout.Status.COMPLETED);
    assertThat(after.sales().list(DemoStore.ID)).hasSize(1);
    assertThat(card.captures()).isEqualTo(1);
    assertThat(after.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("TEE-M"))).onHand())
        .isEqualByComparingTo("18");
    assertThat(after.payments().recheck(DemoStore.ID)).isEmpty();
  }

  @Test
  void aSaleThatCannotCompleteAfterTheCaptureIsReleasedAndRefunded() {
    Shift shift = engine.registers().open(DemoStore.ID, "till-1", eur("100.00"), ANNA);
    PendingCheckout pc =
        engine
            .payments()
            .begin(
                request("k-1", new Tender.Provider(TenderKind.BNPL, eur("39.98"), ""))
                    .inShift(shift.id()),
                ANNA);
    String id = onlyPayment(pc).id();
    engine.registers().close(shift.id(), eur("100.00"), MAX);

    // approved after the shift closed: the sale cannot be booked into it, so the money goes back
    PendingCheckout after = deliver(bnpl, bnpl.change(id, PaymentState.AUTHORIZED, ""));

    assertThat(after.status()).isEqualTo(PendingCheckout.Status.RELEASED);
    assertThat(after.reason()).contains("could not be completed");
    assertThat(bnpl.stateOf(id)).isEqualTo(PaymentState.REFUNDED);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.REFUNDED);
    assertThat(sales()).isEmpty();
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
  }

  @Test
  void theZReportShowsEachTenderAndEachProvider() {
    Shift shift = engine.registers().open(DemoStore.ID, "till-1", eur("100.00"), ANNA);
    PendingCheckout pc =
        engine
            .payments()
            .begin(
                request(
                        "k-1",
                        new Tender.Cash(eur("10.00")),
                        new Tender.Provider(TenderKind.BNPL, eur("29.98"), ""))
                    .inShift(shift.id()),
                ANNA);
    deliver(bnpl, bnpl.change(onlyPayment(pc).id(), PaymentState.AUTHORIZED, ""));

    ShiftReport z = engine.registers().close(shift.id(), eur("110.00"), MAX);

    // 100.00 float + 10.00 cash = 110.00 in the drawer; 29.98 went through sim-bnpl
    assertThat(z.tenders()).containsEntry("CASH", eur("10.00")).containsEntry("BNPL", eur("29.98"));
    assertThat(z.providers()).containsExactly(Map.entry("BNPL/sim-bnpl", eur("29.98")));
    assertThat(z.overShort()).contains(eur("0.00"));
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }

  // ---------------------------------------------------------------- idempotency and input

  @Test
  void beginningTwiceWithOneKeyReservesOnceAndADifferentRequestIsRefused() {
    PendingCheckout first = cashAndBnpl("k-1");
    PendingCheckout again = cashAndBnpl("k-1");

    assertThat(again).isEqualTo(first);
    assertThat(reserved("TEE-M")).isEqualByComparingTo("2");
    assertThatThrownBy(() -> begin("k-1", new Tender.Provider(TenderKind.BNPL, eur("39.98"), "")))
        .isInstanceOfSatisfying(
            RetailException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_MISMATCH));
  }

  @Test
  void aProviderTenderInAPlainCheckoutIsRefused() {
    assertThatThrownBy(
            () ->
                engine.checkout(
                    request("k-1", new Tender.Provider(TenderKind.BNPL, eur("39.98"), "")), ANNA))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INVALID));
  }

  @Test
  void aGiftCardCannotPayPartOfAPendingCheckoutAndNothingIsTakenOrReserved() {
    GiftCard card =
        engine
            .giftCards()
            .importCards(
                DemoStore.ID,
                List.of(new ImportedGiftCard("GIFT-0001", eur("50.00"), NOON, NOON.plus(DAYS_365))),
                "legacy-1",
                MAX)
            .get(0);

    // 39.98: 10.00 from the card, 29.98 by BNPL — the card's balance would not be held while the
    // provider decides, so the checkout is refused before anything is reserved
    assertThatThrownBy(
            () ->
                begin(
                    "k-1",
                    new Tender.GiftCard("GIFT-0001", eur("10.00")),
                    new Tender.Provider(TenderKind.BNPL, eur("29.98"), "ada@example.com")))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INVALID))
        .hasMessageContaining("a gift card cannot pay part of a sale that waits for a payment");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(engine.payments().payments().list(DemoStore.ID)).isEmpty();
    assertThat(engine.giftCards().card(DemoStore.ID, card.id()).balance()).isEqualTo(eur("50.00"));
  }

  @Test
  void tendersShortOfTheTotalReserveNothing() {
    assertThatThrownBy(() -> begin("k-1", new Tender.Provider(TenderKind.BNPL, eur("30.00"), "")))
        .isInstanceOfSatisfying(
            RetailException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INSUFFICIENT));
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(engine.payments().payments().list(DemoStore.ID)).isEmpty();
  }

  @Test
  void aCallbackWithABadSignatureChangesNothing() {
    PendingCheckout pc = cashAndBnpl("k-1");
    SimulatedProvider.Callback approved =
        bnpl.change(onlyPayment(pc).id(), PaymentState.AUTHORIZED, "");

    assertThatThrownBy(
            () ->
                engine
                    .payments()
                    .callback(
                        DemoStore.ID,
                        "sim-bnpl",
                        approved.body().replace("AUTHORIZED", "CAPTURED"),
                        approved.signature()))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.PENDING);
    assertThat(sales()).isEmpty();
  }

  // ---------------------------------------------------------------- refunds

  @Test
  void aReturnedLineIsRefundedThroughTheProviderThatTookTheMoney() {
    PendingCheckout pc = begin("k-1", new Tender.Provider(TenderKind.BNPL, eur("39.98"), ""));
    String id = onlyPayment(pc).id();
    deliver(bnpl, bnpl.change(id, PaymentState.AUTHORIZED, ""));
    String saleId = engine.payments().find(DemoStore.ID, pc.id()).saleId().orElseThrow();

    // one of the two T-shirts back: 39.98 × 1/2 = 19.99, partly refunded by the BNPL provider
    ReturnReceipt r =
        engine.acceptReturn(
            ReturnRequest.of("r-1", saleId, new ReturnRequest.Item(0, BigDecimal.ONE, true)), MAX);

    assertThat(r.refund()).isEqualTo(eur("19.99"));
    assertThat(r.refundTo()).isEqualTo("BNPL");
    assertThat(bnpl.refundedOf(id)).isEqualTo(eur("19.99"));
    Payment p = onlyPayment(pc);
    assertThat(p.refunded()).isEqualTo(eur("19.99"));
    assertThat(p.state()).isEqualTo(PaymentState.CAPTURED);

    // the second one: everything is back
    engine.acceptReturn(
        ReturnRequest.of("r-2", saleId, new ReturnRequest.Item(0, BigDecimal.ONE, true)), MAX);
    assertThat(onlyPayment(pc).state()).isEqualTo(PaymentState.REFUNDED);
    assertThat(bnpl.stateOf(id)).isEqualTo(PaymentState.REFUNDED);
  }

  @Test
  void aReturnOfACryptoSaleGoesToStoreCredit() {
    PendingCheckout pc =
        engine
            .payments()
            .begin(
                CheckoutRequest.of(
                    "k-1",
                    twoTees(Shopper.customer("c-1")),
                    new Tender.Provider(TenderKind.CRYPTO, eur("39.98"), "")),
                ANNA);
    deliver(crypto, crypto.confirm(onlyPayment(pc).id(), 3));
    String saleId = engine.payments().find(DemoStore.ID, pc.id()).saleId().orElseThrow();

    ReturnReceipt r =
        engine.acceptReturn(
            ReturnRequest.of("r-1", saleId, new ReturnRequest.Item(0, BigDecimal.ONE, true)), MAX);

    assertThat(r.refundTo()).isEqualTo("STORE_CREDIT");
    assertThat(engine.storeCredits().balance("c-1", DemoStore.EUR)).isEqualTo(eur("19.99"));
  }

  @Test
  void withoutAProviderForBnplTheTenderIsRefusedNamingTheFlag() {
    RetailEngine noBnpl =
        adapters()
            .clock(clock)
            .paymentProviders(new PaymentProviders().register(TenderKind.CARD, card))
            .reactInProcess(false)
            .build();
    assertThatThrownBy(
            () ->
                noBnpl
                    .payments()
                    .begin(
                        request("k-1", new Tender.Provider(TenderKind.BNPL, eur("39.98"), "")),
                        ANNA))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENDER_INVALID))
        .hasMessageContaining("ENABLE_BNPL");
  }

  /** Dies (once, when asked) right after the provider captured: the process crash of a test. */
  static final class CrashingAfterCapture implements PaymentProvider {
    private final PaymentProvider delegate;
    private final AtomicBoolean crash;

    CrashingAfterCapture(PaymentProvider delegate, AtomicBoolean crash) {
      this.delegate = delegate;
      this.crash = crash;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public boolean refunds() {
      return delegate.refunds();
    }

    @Override
    public ProviderStatus authorize(AuthorizeRequest request) {
      return delegate.authorize(request);
    }

    @Override
    public ProviderStatus capture(String reference, Money amount, String key) {
      ProviderStatus s = delegate.capture(reference, amount, key);
      if (crash.getAndSet(false)) {
        throw new IllegalStateException("the process died after the capture");
      }
      return s;
    }

    @Override
    public ProviderStatus voidPayment(String reference, String key) {
      return delegate.voidPayment(reference, key);
    }

    @Override
    public ProviderStatus refund(String reference, Money amount, String key) {
      return delegate.refund(reference, amount, key);
    }

    @Override
    public ProviderStatus status(String key, String reference) {
      return delegate.status(key, reference);
    }

    @Override
    public ProviderStatus verifyCallback(String body, String signature, Instant now) {
      return delegate.verifyCallback(body, signature, now);
    }
  }
}
