package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.notification.NotificationTemplate;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a till needs of its file after a crash: everything each adapter family of V3 wrote is there
 * when the file is opened again, and nothing a failed unit of work wrote is.
 */
class SqliteReferenceDataFileTest {

  private static final StoreId DEMO = DemoStore.ID;
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final List<String> PRODUCTS = List.of("tee", "mug", "coffee", "gouda", "cake");
  // the demo store's categories in the order it saves them (parents first)
  private static final List<Category> CATEGORIES =
      List.of(
          Category.root("apparel", "Apparel"),
          Category.child("shirts", "Shirts", "apparel"),
          Category.root("home", "Home"),
          Category.child("kitchen", "Kitchen", "home"),
          Category.root("food", "Food"),
          Category.child("coffee", "Coffee", "food"),
          Category.child("cheese", "Cheese", "food"),
          Category.child("bakery", "Bakery", "food"));

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("till.db");
  }

  @Test
  void theDemoStoresReferenceDataIsAllThereAfterReopening() {
    RetailEngine demo = DemoStore.inMemory();
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      Catalog catalog = new SqliteCatalog(db);
      CATEGORIES.forEach(catalog::saveCategory);
      PRODUCTS.forEach(p -> catalog.save(demo.catalog().product(ProductId.of(p)).orElseThrow()));
      SqlitePriceBook prices = new SqlitePriceBook(db);
      demo.priceBook().lists().forEach(prices::saveList);
      for (SellableItem i : demo.catalog().items()) {
        for (var change : demo.priceBook().history(i.sku())) {
          prices.setPrice(change.list(), i.sku(), change.after(), change.at(), change.changedBy());
        }
      }
      // a change finer than the microsecond, by someone with a name outside ASCII
      prices.setPrice(
          PriceListId.of("retail"),
          Sku.of("MUG"),
          UnitPrice.of("4.4995", "EUR"),
          Instant.parse("2026-11-24T09:00:00.123456789Z"),
          "Zoë Ørsted");
      SqlitePromotions promotions = new SqlitePromotions(db);
      demo.promotions().active(DEMO).forEach(promotions::save);
      demo.promotions().coupons().forEach(promotions::saveCoupon);
      new SqliteTaxRules(db).assign(DEMO, demo.taxRules().jurisdictionOf(DEMO).orElseThrow());
    }

    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      Catalog catalog = new SqliteCatalog(db);
      assertThat(catalog.items()).isEqualTo(demo.catalog().items()).hasSize(6);
      for (String p : PRODUCTS) {
        assertThat(catalog.product(ProductId.of(p)))
            .isEqualTo(demo.catalog().product(ProductId.of(p)));
      }
      assertThat(catalog.itemByBarcode(Barcode.parse("0036000291452")).map(SellableItem::sku))
          .contains(Sku.of("TEE-L"));
      assertThat(catalog.categories().all())
          .containsExactlyInAnyOrderElementsOf(demo.catalog().categories().all());
      assertThat(catalog.categories().children(CategoryId.of("food")))
          .containsExactly(
              CategoryId.of("coffee"), CategoryId.of("cheese"), CategoryId.of("bakery"));

      SqlitePriceBook prices = new SqlitePriceBook(db);
      assertThat(prices.lists()).isEqualTo(demo.priceBook().lists());
      assertThat(prices.entries(Sku.of("CAKE"), DEMO, DemoStore.EUR))
          .isEqualTo(demo.priceBook().entries(Sku.of("CAKE"), DEMO, DemoStore.EUR));
      assertThat(prices.history(Sku.of("MUG")))
          .extracting(
              c ->
                  c.before().map(UnitPrice::toString).orElse("-")
                      + " -> "
                      + c.after()
                      + " at "
                      + c.at()
                      + " by "
                      + c.changedBy())
          .containsExactly(
              "- -> 4.99 EUR at 2026-01-01T00:00:00Z by demo",
              "4.99 EUR -> 4.4995 EUR at 2026-11-24T09:00:00.123456Z by Zoë Ørsted");

      SqlitePromotions promotions = new SqlitePromotions(db);
      List<Promotion> expected = demo.promotions().active(DEMO);
      assertThat(promotions.active(DEMO)).isEqualTo(expected).hasSize(4);
      assertThat(promotions.coupon("welcome10"))
          .contains(Coupon.multiUse("WELCOME10", "welcome", 1_000));
      assertThat(new SqliteTaxRules(db).jurisdictionOf(DEMO))
          .isEqualTo(demo.taxRules().jurisdictionOf(DEMO));
      assertThat(db.schemaVersion()).isEqualTo(SqliteDatabase.SCRIPTS.size());
    }
  }

  @Test
  void customersAndTheirAuditTrailAreThereAfterReopening() {
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteCustomers customers = new SqliteCustomers(db);
      customers.create(Customer.of("c-1", "Ada Lovelace", T0).withEmail("Ada@Example.org"));
      db.unitOfWork()
          .runAs(
              "Søren",
              () ->
                  customers.update(
                      Customer.of("c-1", "Ada Lovelace", T0)
                          .withEmail("ada@example.org")
                          .inGroup(CustomerGroupId.of("trade"))));
    }
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteCustomers customers = new SqliteCustomers(db);
      assertThat(customers.findByEmail("ADA@example.org").map(Customer::id))
          .contains(CustomerId.of("c-1"));
      assertThat(customers.inGroup(CustomerGroupId.of("trade"))).hasSize(1);
      List<String> trail =
          db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT changed_by || ': ' || coalesce(json_extract(before, '$.group.value'), '-')"
                              + " || ' -> ' || coalesce(json_extract(after, '$.group.value'), '-')"
                              + " FROM audit_log WHERE entity = 'customer' ORDER BY id")
                      .mapTo(String.class)
                      .list());
      assertThat(trail).containsExactly("engine: - -> -", "Søren: - -> trade");
    }
  }

  @Test
  void theDaysFiguresAndTheMarksOfHandledEventsAreThereAfterReopening() {
    UUID event = UUID.randomUUID();
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteSalesAnalytics analytics = new SqliteSalesAnalytics(db);
      SqliteHandledEvents handled = new SqliteHandledEvents(db);
      db.unitOfWork()
          .run(
              () -> {
                handled.markHandled("reaction-analytics", event);
                // 2 × 4.99 = 9.98 and 0.3755 kg of cheese for 4.88
                analytics.addSale(
                    D1,
                    new DomainEvent.SaleCompleted(
                        DEMO,
                        "s-1",
                        "R-1",
                        "",
                        Money.of("14.86", "EUR"),
                        List.of(
                            new DomainEvent.SoldLine(
                                "MUG", new BigDecimal("2"), Money.of("9.98", "EUR")),
                            new DomainEvent.SoldLine(
                                "GOUDA", new BigDecimal("0.3755"), Money.of("4.88", "EUR")))));
                return null;
              });
    }
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      assertThat(new SqliteHandledEvents(db).handled("reaction-analytics", event)).isTrue();
      assertThat(new SqliteHandledEvents(db).markHandled("reaction-analytics", event)).isFalse();
      DailySales day = new SqliteSalesAnalytics(db).daily(DEMO, D1, D1).get(0);
      assertThat(day.sales()).isEqualTo(1);
      assertThat(day.units()).isEqualTo(new BigDecimal("2.3755"));
      assertThat(day.gross().toString()).isEqualTo("14.86 EUR");
      assertThat(new SqliteSalesAnalytics(db).products(DEMO, D1, D1))
          .extracting(p -> p.sku() + " " + p.units().toPlainString() + " " + p.revenue())
          .containsExactly("GOUDA 0.3755 4.88 EUR", "MUG 2 9.98 EUR");
    }
  }

  private static Notification notification(String id, String recipient) {
    return new Notification(
        DEMO,
        id,
        Notification.Kind.LOW_STOCK,
        Notification.Channel.EMAIL,
        recipient,
        "Low stock: MUG",
        "MUG is down to 3",
        Notification.Status.PENDING,
        0,
        T0,
        T0,
        Optional.empty(),
        "event-" + id);
  }

  @Test
  void notificationsTemplatesAndSubscriptionsAreThereAfterReopening() {
    NotificationSubscription manager =
        new NotificationSubscription(
            DEMO, Notification.Kind.LOW_STOCK, Notification.Channel.EMAIL, "manager@example.org");
    NotificationTemplate template =
        new NotificationTemplate(
            DEMO,
            Notification.Kind.LOW_STOCK,
            Notification.Channel.EMAIL,
            "Nachbestellen: {sku}",
            "{sku} in {store}: nur noch {available} übrig");
    Notification failed =
        notification("n-2", "manager@example.org")
            .attempted(
                Notification.Status.FAILED, T0.plusSeconds(60), Optional.of("550 no such user"));
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteNotificationOutbox outbox = new SqliteNotificationOutbox(db);
      outbox.subscribe(manager);
      outbox.saveTemplate(template);
      outbox.add(notification("n-1", "manager@example.org"));
      outbox.add(notification("n-2", "manager@example.org"));
      outbox.update(failed);
    }
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteNotificationOutbox outbox = new SqliteNotificationOutbox(db);
      assertThat(outbox.subscriptions(DEMO)).containsExactly(manager);
      assertThat(outbox.template(DEMO, Notification.Kind.LOW_STOCK, Notification.Channel.EMAIL))
          .contains(template);
      assertThat(outbox.list(DEMO, 10))
          .containsExactly(failed, notification("n-1", "manager@example.org"));
      assertThat(outbox.claimDue(T0, T0.plusSeconds(30), 10))
          .extracting(Notification::id)
          .containsExactly("n-1");
    }
  }

  @Test
  void aFailedUnitOfWorkLeavesNoReferenceDataCustomerOrNotificationBehind() {
    RetailEngine demo = DemoStore.inMemory();
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteCatalog catalog = new SqliteCatalog(db);
      SqlitePriceBook prices = new SqlitePriceBook(db);
      SqlitePromotions promotions = new SqlitePromotions(db);
      SqliteTaxRules tax = new SqliteTaxRules(db);
      SqliteCustomers customers = new SqliteCustomers(db);
      SqliteNotificationOutbox outbox = new SqliteNotificationOutbox(db);
      SqliteSalesAnalytics analytics = new SqliteSalesAnalytics(db);
      assertThatThrownBy(
              () ->
                  db.unitOfWork()
                      .run(
                          () -> {
                            CATEGORIES.forEach(catalog::saveCategory);
                            catalog.save(demo.catalog().product(ProductId.of("mug")).orElseThrow());
                            prices.saveList(
                                PriceList.standard(
                                    PriceListId.of("retail"), "Retail", DemoStore.EUR, true));
                            prices.setPrice(
                                PriceListId.of("retail"),
                                Sku.of("MUG"),
                                UnitPrice.of("4.99", "EUR"),
                                T0,
                                "anna");
                            demo.promotions().active(DEMO).forEach(promotions::save);
                            promotions.saveCoupon(Coupon.singleUse("ONCE", "welcome"));
                            tax.assign(DEMO, demo.taxRules().jurisdictionOf(DEMO).orElseThrow());
                            customers.create(Customer.of("c-1", "Ada", T0));
                            outbox.add(notification("n-1", "ada@example.org"));
                            analytics.addReturn(
                                D1,
                                new DomainEvent.ReturnCompleted(
                                    DEMO, "r-1", "s-1", "C-1", Money.of("4.99", "EUR")));
                            throw new IllegalStateException("the till lost power");
                          }))
          .hasMessage("the till lost power");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteCatalog catalog = new SqliteCatalog(db);
      assertThat(catalog.items()).isEmpty();
      assertThat(catalog.categories().all()).isEmpty();
      assertThat(new SqlitePriceBook(db).lists()).isEmpty();
      assertThat(new SqlitePriceBook(db).history(Sku.of("MUG"))).isEmpty();
      assertThat(new SqlitePromotions(db).active(DEMO)).isEmpty();
      assertThat(new SqlitePromotions(db).coupons()).isEmpty();
      assertThat(new SqliteTaxRules(db).jurisdictionOf(DEMO)).isEmpty();
      assertThat(new SqliteCustomers(db).find(CustomerId.of("c-1"))).isEmpty();
      int audited =
          db.withHandle(
              h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Integer.class).one());
      assertThat(audited).isZero();
      assertThat(new SqliteNotificationOutbox(db).list(DEMO, 10)).isEmpty();
      assertThat(new SqliteSalesAnalytics(db).daily(DEMO, D1, D1)).isEmpty();
    }
  }

  @Test
  void aCategoryReplacedKeepsItsPlaceAmongItsSiblings() {
    try (SqliteDatabase db = SqliteDatabase.open(file())) {
      SqliteCatalog catalog = new SqliteCatalog(db);
      catalog.saveCategory(Category.root("food", "Food"));
      catalog.saveCategory(Category.child("coffee", "Coffee", "food"));
      catalog.saveCategory(Category.child("tea", "Tea", "food"));
      catalog.saveCategory(Category.child("coffee", "Coffee & Espresso", "food"));
      assertThat(catalog.categories().children(CategoryId.of("food")))
          .containsExactly(CategoryId.of("coffee"), CategoryId.of("tea"));
      assertThat(catalog.categories().find(CategoryId.of("coffee")).map(Category::name))
          .contains("Coffee & Espresso");
    }
  }
}
