package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.CodeLockout;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardEntry;
import io.vruksha.retail.giftcard.GiftCardProduct;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.PaymentState;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sale family on one SQLite file, as a till uses it: what was written is all there after the
 * file is closed and opened again (a crash, a restart), a retried sale is still recognised by its
 * key, and a unit of work that fails leaves nothing of what it wrote through any of the family's
 * ports.
 */
class SqliteSaleFamilyTest {

  private static final StoreId DEMO = DemoStore.ID;
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");
  private static final Currency EUR = DemoStore.EUR;
  private static final StockKey MUG = StockKey.floor(DEMO, Sku.of("MUG"));
  private static final StockKey GOUDA = StockKey.floor(DEMO, Sku.of("GOUDA"));
  private static final StockKey CAKE = StockKey.floor(DEMO, Sku.of("CAKE"));

  @TempDir Path dir;

  private static Money eur(String amount) {
    return Money.of(amount, EUR);
  }

  private static CheckoutRequest mugsAndCoffee() {
    return CheckoutRequest.of(
        "sale-key-1",
        BasketRequest.builder(DEMO).at(T0).add("MUG", 2).add("COFFEE", 1).build(),
        new Tender.Cash(eur("20.00")));
  }

  private static PendingCheckout pending(String id) {
    CheckoutRequest request =
        CheckoutRequest.of(
            "pay-key-" + id,
            BasketRequest.builder(DEMO).shopper(Shopper.customer("c-1")).add("TEE-M", 2).build(),
            new Tender.Provider(TenderKind.BNPL, eur("39.98"), ""));
    return new PendingCheckout(
        id,
        DEMO,
        request,
        "hash-" + id,
        Actor.cashier("anna"),
        PendingCheckout.Status.PAYMENT_PENDING,
        eur("39.98"),
        List.of(Sku.of("TEE-M")),
        T0,
        T0.plusSeconds(900),
        T0,
        Optional.empty(),
        Optional.empty(),
        "");
  }

  private static GiftCard card(String id, String code) {
    return new GiftCard(
        DEMO,
        id,
        code,
        eur("25.00"),
        GiftCard.Status.ACTIVE,
        GiftCard.Origin.IMPORTED,
        "legacy-1",
        T0,
        T0.plusSeconds(3 * 365 * 86_400L));
  }

  private static GiftCardEntry issued(GiftCard c) {
    return new GiftCardEntry(
        DEMO,
        c.id(),
        GiftCardEntry.Kind.ISSUE,
        c.balance(),
        c.balance(),
        T0,
        "max",
        c.reference(),
        "import:" + c.id());
  }

  /** Writes through every port of the family, directly on the adapters. */
  private static void writeThroughEveryPort(SqliteDatabase db) {
    SqliteStockLedger stock = new SqliteStockLedger(db);
    stock.move(
        MUG,
        new BigDecimal("12"),
        MovementReason.RECEIPT,
        "po-1",
        "Lieferung für Zoë ☕",
        T0,
        false);
    stock.move(GOUDA, new BigDecimal("3.250"), MovementReason.RECEIPT, "po-1", "", T0, false);
    stock.move(GOUDA, new BigDecimal("-0.755"), MovementReason.SALE, "s-1", "", T0, false);
    stock.reserve("order-1", MUG, new BigDecimal("2"), T0.plusSeconds(3600));
    stock.setSafetyBuffer(MUG, new BigDecimal("1.5"));
    stock.setReorderRule(new ReorderRule(MUG, new BigDecimal("4"), new BigDecimal("24")));
    stock.markLow(GOUDA, true);
    stock.setAllowNegative(Sku.of("CAKE"), true);
    stock.move(CAKE, new BigDecimal("-1"), MovementReason.SALE, "s-2", "", T0, true);
    new SqliteIdempotencyStore(db)
        .save(new IdempotencyStore.Entry(DEMO, "key-ü-1", "hash", "sale-1"));
    new SqliteStoreCredits(db).change("c-1", eur("12.50"), "refund-1");
    new SqliteCartStore(db)
        .save(
            new Cart(
                "cart-Zoë-🧀",
                DEMO,
                List.of(
                    BasketLine.of("GOUDA", Quantity.kilograms("0.755")), BasketLine.scan("MUG")),
                Shopper.customer("c-1"),
                Set.of("WELCOME10"),
                true,
                T0));
    SqlitePayments payments = new SqlitePayments(db);
    payments.saveCheckout(pending("pc-1"));
    payments.save(
        new Payment(
            "pc-1-1",
            DEMO,
            "pc-1",
            TenderKind.BNPL,
            "sim-bnpl",
            eur("39.98"),
            eur("0.00"),
            PaymentState.PENDING,
            "",
            "https://bnpl.example/approve/1",
            T0,
            T0,
            Optional.empty()));
    SqliteGiftCardBook cards = new SqliteGiftCardBook(db);
    cards.saveProduct(new GiftCardProduct(Sku.of("GIFT-25"), 36));
    GiftCard card = card("gc-1", "OLD00001");
    cards.issue(card, issued(card));
    cards.change(
        DEMO, "gc-1", GiftCardEntry.Kind.REDEEM, eur("-7.49"), T0, "anna", "s-3", "redeem-1");
    cards.failedCode(DEMO, "staff:eve", T0, CodeLockout.DEFAULT);
  }

  /** What the family's ports answer, read afresh from {@code db}. */
  private static Map<String, Object> everything(SqliteDatabase db) {
    SqliteStockLedger stock = new SqliteStockLedger(db);
    SqliteSales sales = new SqliteSales(db);
    SqlitePayments payments = new SqlitePayments(db);
    SqliteGiftCardBook cards = new SqliteGiftCardBook(db);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("levels", stock.levels(DEMO));
    for (StockKey key : List.of(MUG, GOUDA, CAKE)) {
      all.put("movements " + key, stock.movements(key));
      all.put("to sell " + key, stock.availableToSell(key));
    }
    all.put("listed", stock.availableToSell(DEMO));
    all.put("rule", stock.reorderRule(MUG));
    all.put("negative", stock.allowsNegative(Sku.of("CAKE")));
    all.put("sales", sales.list(DEMO));
    all.put("search", sales.search(SaleQuery.of(DEMO, 10)));
    all.put("returns", sales.returns(DEMO));
    all.put("key", new SqliteIdempotencyStore(db).find(DEMO, "key-ü-1"));
    all.put("credit", new SqliteStoreCredits(db).balance("c-1", EUR));
    all.put("carts", new SqliteCartStore(db).parked(DEMO));
    all.put("open checkouts", payments.openCheckouts(DEMO));
    all.put("payments", payments.list(DEMO));
    all.put("gift products", cards.product(Sku.of("GIFT-25")));
    all.put("gift cards", cards.list(DEMO));
    all.put("gift entries", cards.entries(DEMO, "gc-1"));
    all.put("attempts", cards.attempts(DEMO, "staff:eve"));
    return all;
  }

  @Test
  void everythingWrittenIsThereAfterTheFileIsOpenedAgain() {
    Path file = dir.resolve("till.db");
    Map<String, Object> before;
    Sale sale;
    ReturnReceipt ret;
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      writeThroughEveryPort(db);
      RetailEngine engine = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      DemoStore.seed(engine);
      sale = engine.checkout(mugsAndCoffee(), Actor.cashier("anna"));
      ret =
          engine.acceptReturn(
              ReturnRequest.of(
                  "return-key-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true)),
              Actor.supervisor("max"));
      before = everything(db);
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(everything(db)).isEqualTo(before);
      // and what the values are, not only that they came back: exact decimals, microseconds, text
      SqliteStockLedger stock = new SqliteStockLedger(db);
      // 10.000 opening + 3.250 received - 0.755 sold
      assertThat(stock.level(GOUDA).onHand()).isEqualTo(new BigDecimal("12.495"));
      // 50 opening + 12 received - 2 sold + 1 returned; 2 reserved
      assertThat(stock.level(MUG).onHand()).isEqualTo(new BigDecimal("61"));
      assertThat(stock.level(MUG).reserved()).isEqualTo(new BigDecimal("2"));
      assertThat(stock.level(CAKE).onHand()).isEqualTo(new BigDecimal("4"));
      assertThat(stock.movements(MUG).get(0).note()).isEqualTo("Lieferung für Zoë ☕");
      assertThat(stock.movements(MUG).get(0).at()).isEqualTo(T0);
      assertThat(stock.markLow(GOUDA, true)).isTrue();
      assertThat(new SqliteSales(db).find(sale.id())).contains(sale);
      assertThat(new SqliteSales(db).returnsOf(sale.id())).containsExactly(ret);
      assertThat(
              new SqliteSales(db).search(SaleQuery.of(DEMO, 10).status(SaleQuery.Status.RETURNED)))
          .containsExactly(sale);
      assertThat(new SqliteStoreCredits(db).balance("c-1", EUR)).isEqualTo(eur("12.50"));
      assertThat(new SqliteCartStore(db).find("cart-Zoë-🧀")).isPresent();
      assertThat(new SqliteGiftCardBook(db).byCode(DEMO, "OLD00001").orElseThrow().balance())
          .isEqualTo(eur("17.51"));
      assertThat(new SqliteGiftCardBook(db).outstanding(DEMO, EUR, T0.plusSeconds(1)))
          .isEqualTo(eur("17.51"));

      // the till retries the sale after the restart: the same sale, nothing sold twice
      RetailEngine engine = SqliteAdapters.use(db, DemoStore.engineBuilder()).build();
      Sale retried = engine.checkout(mugsAndCoffee(), Actor.cashier("anna"));
      assertThat(retried).isEqualTo(sale);
      assertThat(new SqliteSales(db).list(DEMO)).containsExactly(sale);
      assertThat(stock.level(MUG).onHand()).isEqualTo(new BigDecimal("61"));
    }
  }

  @Test
  void aFailedUnitOfWorkLeavesNothingOfWhatItWroteThroughAnyPort() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      Map<String, Object> empty = everything(db);
      assertThatThrownBy(
              () ->
                  db.unitOfWork()
                      .run(
                          () -> {
                            writeThroughEveryPort(db);
                            throw new IllegalStateException("the till lost power");
                          }))
          .hasMessage("the till lost power");
      assertThat(everything(db)).isEqualTo(empty);

      db.unitOfWork()
          .run(
              () -> {
                writeThroughEveryPort(db);
                return null;
              });
      assertThat(everything(db)).isNotEqualTo(empty);
      assertThat(new SqliteStockLedger(db).level(MUG).available()).isEqualByComparingTo("10");
    }
  }
}
