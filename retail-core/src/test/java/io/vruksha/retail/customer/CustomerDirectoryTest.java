package io.vruksha.retail.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.memory.InMemoryCustomers;
import io.vruksha.retail.memory.InMemoryNotificationOutbox;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.tax.TaxExemption;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerDirectoryTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final RetailEngine engine =
      DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).build();

  @Test
  void aNewCustomerIsEnrolledInLoyalty() {
    engine
        .customers()
        .create(
            DemoStore.ID,
            Customer.of("c-9", "Grace Hopper", Instant.EPOCH).consent(true, Instant.EPOCH));
    assertThat(outbox.pending(10))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.customer.customer.created.v1", "retail.customer.loyalty.enrolled.v1");
    assertThat(engine.loyalty().orElseThrow().ledger().entries("c-9"))
        .extracting(LoyaltyEntry::kind)
        .containsExactly(LoyaltyEntry.Kind.ENROL);
  }

  @Test
  void anonymisingRemovesPersonalDataButKeepsTheSales() {
    DemoStore.seed(engine);
    engine
        .customers()
        .create(
            DemoStore.ID,
            Customer.of("c-9", "Grace Hopper", Instant.EPOCH)
                .withEmail("grace@example.org")
                .withTaxId("DE123456789")
                .exemptBy(TaxExemption.all("X-1")));
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "k-1",
                BasketRequest.builder(DemoStore.ID)
                    .add("MUG", 1)
                    .shopper(Shopper.customer("c-9"))
                    .build(),
                new Tender.Cash(Money.of("5.00", "EUR"))),
            Actor.cashier("anna"));
    Customer anonymous = engine.customers().anonymise(DemoStore.ID, CustomerId.of("c-9"));
    assertThat(anonymous.name()).isEqualTo("anonymised");
    assertThat(anonymous.email()).isEmpty();
    assertThat(anonymous.taxId()).isEmpty();
    assertThat(anonymous.taxExemption()).isEmpty();
    assertThat(engine.customers().customers().findByEmail("grace@example.org")).isEmpty();
    assertThat(engine.sales().find(sale.id()).orElseThrow().customerId()).contains("c-9");
    // idempotent
    assertThat(engine.customers().anonymise(DemoStore.ID, CustomerId.of("c-9")))
        .isEqualTo(anonymous);
  }

  @Test
  void anonymisingScrubsTheAuditTrailAndDropsTheCustomersPendingNotifications() {
    InMemoryCustomers customers = new InMemoryCustomers();
    InMemoryNotificationOutbox notifications = new InMemoryNotificationOutbox();
    RetailEngine engine =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .customers(customers)
            .notificationOutbox(notifications)
            .build();
    EngineHost.unitOfWork(engine)
        .actingAs(
            "max",
            () ->
                engine
                    .customers()
                    .create(
                        DemoStore.ID,
                        Customer.of("c-9", "Grace Hopper", Instant.EPOCH)
                            .withEmail("grace@example.org")));
    notifications.add(
        new Notification(
            DemoStore.ID,
            "n-1",
            Notification.Kind.POINTS_EARNED,
            Notification.Channel.EMAIL,
            "grace@example.org",
            "Points for Grace Hopper",
            "Dear Grace Hopper",
            Notification.Status.PENDING,
            0,
            Instant.EPOCH,
            Instant.EPOCH,
            Optional.empty(),
            "e-1"));

    EngineHost.unitOfWork(engine)
        .actingAs("max", () -> engine.customers().anonymise(DemoStore.ID, CustomerId.of("c-9")));

    assertThat(customers.trail(CustomerId.of("c-9")))
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.changedBy()).isEqualTo("max");
              assertThat(c.toString()).doesNotContain("Grace", "grace@example.org");
            });
    assertThat(notifications.find(DemoStore.ID, "n-1")).isEmpty();
    // the registering store stays on the record: who may erase them is still known
    assertThat(
            engine.customers().customers().find(CustomerId.of("c-9")).orElseThrow().registeredAt())
        .contains(DemoStore.ID);
  }
}
