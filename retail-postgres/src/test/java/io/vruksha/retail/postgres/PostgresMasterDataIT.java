package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CatalogContract;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.customer.CustomersContract;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationOutboxContract;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceBookContract;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.promotion.PromotionsContract;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.tax.TaxRulesContract;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Instant;
import java.util.List;
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
    protected UnitOfWork unitOfWork() {
      return db.unitOfWork();
    }

    @Override
    protected List<String> auditTrail(CustomerId id) {
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
  class NotificationOutboxOnPostgres extends NotificationOutboxContract {
    @Override
    protected NotificationOutbox newOutbox() {
      return new PostgresNotificationOutbox(TestDatabase.fresh());
    }
  }

  @Nested
  class PromotionsOnPostgres extends PromotionsContract {
    @Override
    protected Promotions newPromotions() {
      return new PostgresPromotions(TestDatabase.fresh());
    }
  }

  @Nested
  class TaxRulesOnPostgres extends TaxRulesContract {
    @Override
    protected TaxRules newRules() {
      return new PostgresTaxRules(TestDatabase.fresh());
    }
  }

  @Test
  void everyKindOfPromotionReadsBackAsItWasWritten() {
    PostgresPromotions promotions = new PostgresPromotions(TestDatabase.fresh());
    RetailEngine demo = DemoStore.inMemory();
    List<Promotion> all = demo.promotions().active(DemoStore.ID);
    all.forEach(promotions::save);
    assertThat(promotions.active(DemoStore.ID)).containsExactlyElementsOf(all);
  }

  @Test
  void storeStaffPromotionTaxAndPriceListChangesAreAuditedToo() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    new PostgresStaff(db).save(new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER));
    List<String> entities =
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
    customers.create(Customer.of("c-1", "Ada", Instant.EPOCH));
    db.unitOfWork()
        .runAs("sam", () -> customers.update(Customer.of("c-1", "Ada Lovelace", Instant.EPOCH)));
    List<String> rows =
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
