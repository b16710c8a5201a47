package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second wall: connected as an application role (neither superuser nor owner), a unit of work
 * for store A reads and writes nothing of store B, even with hand-written SQL.
 */
class RowLevelSecurityIT {

  private static final StoreId A = StoreId.of("store-a");
  private static final StoreId B = StoreId.of("store-b");
  private PostgresDatabase admin;
  private PostgresDatabase app;
  private String role;

  @BeforeEach
  void twoStoresAndAnApplicationLogin() {
    admin = TestDatabase.fresh();
    PostgresStockLedger asAdmin = new PostgresStockLedger(admin);
    asAdmin.move(
        StockKey.floor(A, Sku.of("MUG")),
        BigDecimal.TEN,
        MovementReason.RECEIPT,
        "r",
        "",
        Instant.EPOCH,
        false);
    asAdmin.move(
        StockKey.floor(B, Sku.of("MUG")),
        BigDecimal.ONE,
        MovementReason.RECEIPT,
        "r",
        "",
        Instant.EPOCH,
        false);
    role = "vruksha_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    admin.jdbi().useHandle(h -> h.execute("CREATE ROLE " + role + " LOGIN IN ROLE vruksha_app"));
    app =
        PostgresDatabase.connect(
            new PostgresConfig(
                admin.config().host(),
                admin.config().port(),
                admin.config().database(),
                role,
                "",
                admin.config().sslMode(),
                2));
  }

  @AfterEach
  void dropTheLogin() {
    app.close();
    admin.jdbi().useHandle(h -> h.execute("DROP ROLE " + role));
  }

  @Test
  void aUnitOfWorkForStoreASeesAndChangesOnlyStoreA() {
    PostgresStockLedger ledger = new PostgresStockLedger(app);
    int visible =
        app.unitOfWork()
            .runFor(
                A, () -> app.jdbi().withHandle(h -> 0) + rows("SELECT count(*) FROM stock_levels"));
    assertThat(visible).isEqualTo(1);
    assertThat(
            app.unitOfWork()
                .runFor(A, () -> ledger.level(StockKey.floor(A, Sku.of("MUG"))).onHand()))
        .isEqualByComparingTo("10");
    // store B's row does not exist for store A, even asked for by name
    assertThat(
            app.unitOfWork()
                .runFor(A, () -> ledger.level(StockKey.floor(B, Sku.of("MUG"))).onHand()))
        .isEqualByComparingTo("0");
    assertThat(
            app.unitOfWork()
                .runFor(
                    A,
                    () -> rows("UPDATE stock_levels SET on_hand = 0 WHERE store_id = 'store-b'")))
        .isZero();
    assertThatThrownBy(
            () ->
                app.unitOfWork()
                    .runFor(
                        A,
                        () ->
                            rows(
                                "INSERT INTO stock_levels (store_id, location_id, sku) VALUES ('store-b', 'x', 'y')")))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("row-level security");
    // outside any store's unit of work the application sees nothing at all
    assertThat(ledger.levels(A)).isEmpty();
    // and store B's stock was never touched
    assertThat(new PostgresStockLedger(admin).level(StockKey.floor(B, Sku.of("MUG"))).onHand())
        .isEqualByComparingTo("1");
  }

  @Test
  void aTillCheckingOutAsTheApplicationRoleWorksWithinItsStore() {
    RetailEngine office = PostgresAdapters.use(admin, DemoStore.engineBuilder()).build();
    DemoStore.seed(office);
    RetailEngine till = PostgresAdapters.use(app, DemoStore.engineBuilder()).build();
    Sale sale =
        till.checkout(
            CheckoutRequest.of(
                "k-1",
                BasketRequest.builder(DemoStore.ID)
                    .at(Instant.parse("2026-11-24T11:00:00Z"))
                    .add("MUG", 1)
                    .build(),
                new Tender.Cash(Money.of("5.00", "EUR"))),
            Actor.cashier("anna"));
    assertThat(sale.number()).isEqualTo("S001-2026-000001");
    assertThat(sale.change()).isEqualTo(Money.of("0.01", "EUR"));
  }

  @Test
  void theScopeEndsWithTheTransaction() {
    app.unitOfWork().runFor(A, () -> rows("SELECT 1"));
    // the same pooled connection, next transaction: no store in scope
    assertThat(app.unitOfWork().run(() -> rows("SELECT count(*) FROM stock_levels"))).isZero();
  }

  @Test
  void aHotStatementCarriesTheScopeSetJustBeforeIt() {
    PostgresIdempotencyStore admins = new PostgresIdempotencyStore(admin);
    admins.save(new IdempotencyStore.Entry(A, "k-ä-1", "a".repeat(64), "sale-a"));
    admins.save(new IdempotencyStore.Entry(B, "k-ä-1", "b".repeat(64), "sale-b"));
    PostgresIdempotencyStore keys = new PostgresIdempotencyStore(app);
    // the look-up is the unit of work's first statement: the scope goes in its round trip
    assertThat(app.unitOfWork().runFor(A, () -> keys.find(A, "k-ä-1")))
        .map(IdempotencyStore.Entry::resultId)
        .contains("sale-a");
    assertThat(app.unitOfWork().runFor(A, () -> keys.find(B, "k-ä-1"))).isEmpty();
    // a nested unit of work adds its store, sent with the next statement
    assertThat(
            app.unitOfWork()
                .runFor(
                    A,
                    () -> {
                      boolean before = keys.find(B, "k-ä-1").isPresent();
                      return app.unitOfWork()
                          .runFor(B, () -> before + "," + keys.find(B, "k-ä-1").isPresent());
                    }))
        .isEqualTo("false,true");
    // the same pooled connection, next transaction: no store in scope
    assertThat(app.unitOfWork().run(() -> keys.find(A, "k-ä-1"))).isEmpty();
    assertThat(keys.find(A, "k-ä-1")).isEmpty();
  }

  private int rows(String sql) {
    return app.unitOfWork()
        .with(
            h ->
                sql.startsWith("SELECT")
                    ? h.createQuery(sql).mapTo(Integer.class).one()
                    : h.createUpdate(sql).execute());
  }
}
