package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CatalogContract;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.customer.CustomersContract;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceBookContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The master-data ports on PostgreSQL pass the same contract suites as the in-memory adapters. */
class PostgresMasterDataIT {

  @Nested
  class CatalogOnPostgres extends CatalogContract {
    @Override
    protected Catalog newCatalog() {
      return new PostgresCatalog(TestDatabase.fresh());
    }
  }

  @Nested
  class PriceBookOnPostgres extends PriceBookContract {
    @Override
    protected PriceBook newBook() {
      return new PostgresPriceBook(TestDatabase.fresh());
    }
  }

  @Nested
  class CustomersOnPostgres extends CustomersContract {
    private PostgresDatabase db;

    @Override
    protected Customers newCustomers() {
      db = TestDatabase.fresh();
      return new PostgresCustomers(db);
    }

    @Override
    protected io.vruksha.retail.work.UnitOfWork unitOfWork() {
      return db.unitOfWork();
    }

    @Override
    protected java.util.List<String> auditTrail(io.vruksha.retail.customer.CustomerId id) {
      // as the owner: the application role cannot read audit_log
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT changed_by || ' ' || coalesce(before::text, '-') || ' '"
                              + " || coalesce(after::text, '-') FROM audit_log"
                              + " WHERE entity = 'customer' AND entity_id = :id ORDER BY id")
                      .bind("id", id.value())
                      .mapTo(String.class)
                      .list());
    }
  }

  @Nested
  class NotificationOutboxOnPostgres
      extends io.vruksha.retail.notification.NotificationOutboxContract {
    @Override
    protected io.vruksha.retail.notification.NotificationOutbox newOutbox() {
      return new PostgresNotificationOutbox(TestDatabase.fresh());
    }
  }

  @Nested
  class PromotionsOnPostgres extends io.vruksha.retail.promotion.PromotionsContract {
    @Override
    protected io.vruksha.retail.promotion.Promotions newPromotions() {
      return new PostgresPromotions(TestDatabase.fresh());
    }
  }

  @Nested
  class TaxRulesOnPostgres extends io.vruksha.retail.tax.TaxRulesContract {
    @Override
    protected io.vruksha.retail.tax.TaxRules newRules() {
      return new PostgresTaxRules(TestDatabase.fresh());
    }
  }

  @Test
  void everyKindOfPromotionReadsBackAsItWasWritten() {
    PostgresPromotions promotions = new PostgresPromotions(TestDatabase.fresh());
    io.vruksha.retail.engine.RetailEngine demo = io.vruksha.retail.engine.DemoStore.inMemory();
    java.util.List<io.vruksha.retail.promotion.Promotion> all =
        demo.promotions().active(io.vruksha.retail.engine.DemoStore.ID);
    all.forEach(promotions::save);
    assertThat(promotions.active(io.vruksha.retail.engine.DemoStore.ID))
        .containsExactlyElementsOf(all);
  }

  @Test
  void storeStaffPromotionTaxAndPriceListChangesAreAuditedToo() {
    PostgresDatabase db = TestDatabase.fresh();
    io.vruksha.retail.engine.RetailEngine engine =
        PostgresAdapters.use(db, io.vruksha.retail.engine.DemoStore.engineBuilder()).build();
    io.vruksha.retail.engine.DemoStore.seed(engine);
    new PostgresStaff(db)
        .save(
            new io.vruksha.retail.store.StaffMember(
                "anna",
                "Anna",
                io.vruksha.retail.engine.DemoStore.ID,
                io.vruksha.retail.store.Role.CASHIER));
    java.util.List<String> entities =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
                        .mapTo(String.class)
                        .list());
    assertThat(entities)
        .containsExactly(
            "price_list", "product", "promotion", "staff", "store", "tax_jurisdiction");
  }

  @Test
  void everyCustomerChangeIsAudited() {
    PostgresDatabase db = TestDatabase.fresh();
    PostgresCustomers customers = new PostgresCustomers(db);
    customers.create(io.vruksha.retail.customer.Customer.of("c-1", "Ada", java.time.Instant.EPOCH));
    db.unitOfWork()
        .runAs(
            "sam",
            () ->
                customers.update(
                    io.vruksha.retail.customer.Customer.of(
                        "c-1", "Ada Lovelace", java.time.Instant.EPOCH)));
    java.util.List<String> rows =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT changed_by || ': ' || coalesce(before->>'name', '-') || ' -> ' || (after->>'name') FROM audit_log"
                                + " WHERE entity = 'customer' AND entity_id = 'c-1' ORDER BY id")
                        .mapTo(String.class)
                        .list());
    assertThat(rows).containsExactly("engine: - -> Ada", "sam: Ada -> Ada Lovelace");
  }
}
