package io.vruksha.retail.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.ImportedGiftCard;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationDelivery;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Pick;
import io.vruksha.retail.order.PlaceOrder;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.payment.simulated.SimulatedCardTerminal;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.Actor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event catalogue in {@code docs/events/} is the truth: a schema for every event type, each a
 * valid JSON Schema, and every event a real till day emits — written by the codec exactly as it
 * goes on the wire — validates against its schema and matches its subject pattern.
 */
class EventSchemaTest {

  private static final Path DIR = Path.of("..", "docs", "events");
  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final Map<String, JsonNode> SCHEMAS = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode schema = EventCodec.JSON.readTree(f.toFile());
        SCHEMAS.put(schema.get("x-event-type").asText(), schema);
      }
    }
  }

  private static Set<ValidationMessage> validate(JsonNode schema, JsonNode payload) {
    JsonSchema compiled = FACTORY.getSchema(schema);
    return compiled.validate(payload);
  }

  @Test
  void everyEventTypeHasExactlyOneSchemaAndEachIsAValidSchema() {
    Set<String> types =
        Arrays.stream(DomainEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(SCHEMAS.keySet())).isEqualTo(types);
    JsonSchema meta =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    SCHEMAS.forEach(
        (type, schema) ->
            assertThat(meta.validate(schema))
                .as(type + " against the 2020-12 meta-schema")
                .isEmpty());
  }

  @Test
  void everyEventOfATillDayValidatesAgainstItsSchemaOnTheWire() throws IOException {
    List<EventEnvelope> events = tillDay();
    Set<String> seen = new TreeSet<>();
    for (EventEnvelope e : events) {
      String type = EventCodec.typeName(e.payload());
      JsonNode schema = SCHEMAS.get(type);
      assertThat(schema).as("schema of " + type).isNotNull();
      JsonNode wire = EventCodec.JSON.readTree(EventCodec.body(e));
      assertThat(validate(schema, wire)).as(e.subject() + ": " + wire).isEmpty();
      assertThat(e.subject()).matches(schema.get("x-subject").asText());
      seen.add(type);
    }
    assertThat(seen).isEqualTo(new TreeSet<>(SCHEMAS.keySet()));
  }

  @Test
  void aPayloadThatBreaksTheContractIsRefused() throws IOException {
    EventEnvelope sale =
        tillDay().stream()
            .filter(e -> e.payload() instanceof DomainEvent.SaleCompleted)
            .findFirst()
            .orElseThrow();
    JsonNode schema = SCHEMAS.get("SaleCompleted");
    ObjectNode floatMoney = (ObjectNode) EventCodec.JSON.readTree(EventCodec.body(sale));
    ((ObjectNode) floatMoney.get("total")).put("amount", 31.24);
    assertThat(validate(schema, floatMoney)).isNotEmpty();
    ObjectNode extra = (ObjectNode) EventCodec.JSON.readTree(EventCodec.body(sale));
    extra.put("zero", false);
    assertThat(validate(schema, extra)).isNotEmpty();
    ObjectNode missing = (ObjectNode) EventCodec.JSON.readTree(EventCodec.body(sale));
    missing.remove("receiptNumber");
    assertThat(validate(schema, missing)).isNotEmpty();
  }

  /** A day that emits every kind of event, read from the outbox in order. */
  private static List<EventEnvelope> tillDay() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    RetailEngine engine = DemoStore.engineBuilder().reactInProcess(false).outbox(outbox).build();
    DemoStore.seed(engine);
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln",
                "Kiln & Co",
                Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5))));
    engine.customers().create(DemoStore.ID, Customer.of("c-1", "Ada", NOON));
    Actor anna = Actor.cashier("anna");
    Actor max = Actor.supervisor("max");
    Shift shift = engine.registers().open(DemoStore.ID, "till-1", Money.of("100.00", "EUR"), anna);
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                    "k-1",
                    BasketRequest.builder(DemoStore.ID)
                        .at(NOON)
                        .add("MUG", 41)
                        .add("GOUDA", Quantity.kilograms("0.250"))
                        .shopper(Shopper.customer("c-1"))
                        .build(),
                    new Tender.Cash(Money.of("1000.00", "EUR")))
                .inShift(shift.id()),
            anna);
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
            .at(NOON),
        max);
    DomainEvent.StockLow low =
        outbox.all().stream()
            .map(EventEnvelope::payload)
            .filter(DomainEvent.StockLow.class::isInstance)
            .map(DomainEvent.StockLow.class::cast)
            .findFirst()
            .orElseThrow();
    PurchaseOrder order = engine.purchasing().onLowStock(low).orElseThrow();
    engine.purchasing().approve(order.id(), max);
    engine.purchasing().send(order.id());
    engine.purchasing().receive(order.id(), Map.of(Sku.of("MUG"), BigDecimal.TEN));
    engine.registers().close(shift.id(), Money.of("100.00", "EUR"), anna);
    ordersCurbsideWarrantiesAndNotifications(engine, outbox, anna, max);
    giftCards(engine, anna, max);
    paymentsThroughProviders(engine, anna);
    engine.customers().anonymise(DemoStore.ID, CustomerId.of("c-1"));
    return outbox.all();
  }

  /** Gift cards imported, redeemed at a sale, reloaded, cancelled and expired. */
  private static void giftCards(RetailEngine engine, Actor anna, Actor max) {
    var store = DemoStore.ID;
    List<GiftCard> cards =
        engine
            .giftCards()
            .importCards(
                store,
                List.of(
                    new ImportedGiftCard(
                        "GIFT-0001",
                        Money.of("50.00", "EUR"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2099-01-01T00:00:00Z")),
                    new ImportedGiftCard(
                        "GIFT-0002",
                        Money.of("10.00", "EUR"),
                        Instant.parse("2020-01-01T00:00:00Z"),
                        Instant.parse("2021-01-01T00:00:00Z"))),
                "legacy-1",
                max);
    engine.checkout(
        CheckoutRequest.of(
            "k-gift",
            BasketRequest.builder(store).add("MUG", 1).build(),
            new Tender.GiftCard("GIFT-0001", Money.of("4.99", "EUR"))),
        anna);
    engine
        .giftCards()
        .reload(store, "GIFT-0001", Money.of("5.00", "EUR"), "rl-1", "pay-1", anna, "staff:anna");
    engine.giftCards().expireDue(store);
    engine.giftCards().cancel(store, cards.get(0).id(), "cx-1", max);
  }

  /** A card payment through the simulated terminal (pending, captured) and a declined BNPL one. */
  private static void paymentsThroughProviders(RetailEngine engine, Actor anna) {
    Clock clock = Clock.systemUTC();
    String secret = "a-secret-of-sixteen-or-more";
    engine
        .payments()
        .providers()
        .register(TenderKind.CARD, new SimulatedCardTerminal(secret, clock))
        .register(TenderKind.BNPL, new SimulatedBnpl(secret, clock));
    engine
        .payments()
        .begin(
            CheckoutRequest.of(
                "k-card",
                BasketRequest.builder(DemoStore.ID).add("TEE-L", 1).build(),
                new Tender.Provider(
                    TenderKind.CARD, Money.of("19.99", "EUR"), SimulatedCardTerminal.APPROVE)),
            anna);
    engine
        .payments()
        .begin(
            CheckoutRequest.of(
                "k-bnpl",
                BasketRequest.builder(DemoStore.ID).add("TEE-L", 1).build(),
                new Tender.Provider(TenderKind.BNPL, Money.of("19.99", "EUR"), "")),
            anna);
  }

  /** Orders, available to sell, curbside, a warranty and a delivered notification. */
  private static void ordersCurbsideWarrantiesAndNotifications(
      RetailEngine engine, InMemoryOutbox outbox, Actor anna, Actor max) {
    var store = DemoStore.ID;
    engine
        .notifications()
        .subscribe(
            new NotificationSubscription(
                store,
                Notification.Kind.ORDER_READY,
                Notification.Channel.WEBHOOK,
                "https://shop.example.com/hooks"));
    engine.stock().setSafetyBuffer(store, Sku.of("TEE-M"), new BigDecimal("2"));
    engine
        .orders()
        .place(
            new PlaceOrder(
                "web-1",
                store,
                Order.Channel.WEB,
                Optional.of("c-1"),
                "ada@example.com",
                Map.of(Sku.of("TEE-M"), new BigDecimal("2")),
                Optional.of(new Order.Prepayment(Money.of("39.98", "EUR"), "psp-1")),
                PlaceOrder.DEFAULT_HOLD),
            anna);
    engine.orders().pick(store, "web-1", List.of(Pick.of("TEE-M", "1")));
    engine.orders().ready(store, "web-1");
    engine.orders().collect(store, "web-1", List.of(), Map.of(), anna);
    engine
        .orders()
        .place(
            new PlaceOrder(
                "kiosk-1",
                store,
                Order.Channel.KIOSK,
                Optional.empty(),
                "+49 30 1234567",
                Map.of(Sku.of("MUG"), BigDecimal.ONE),
                Optional.empty(),
                PlaceOrder.DEFAULT_HOLD),
            anna);
    engine.orders().cancel(store, "kiosk-1");

    Instant later = Instant.now().plus(Duration.ofDays(1));
    for (String slot : List.of("s-1", "s-2")) {
      engine
          .curbside()
          .defineSlot(
              new CollectionSlot(store, slot, later, later.plus(Duration.ofMinutes(30)), 2, 0));
    }
    engine.curbside().book(store, "b-1", "s-1", Optional.of("web-1"), "Ada", "");
    engine.curbside().change(store, "b-1", "s-2");
    engine.curbside().checkIn(store, "b-1", "bay 2");
    engine.curbside().book(store, "b-2", "s-1", Optional.empty(), "Bo", "");
    engine.curbside().cancel(store, "b-2");

    engine.warranties().serialise(Sku.of("CAKE"), 12);
    Sale cake =
        engine.checkout(
            CheckoutRequest.of(
                "k-serial",
                BasketRequest.builder(store).add("CAKE", 1).build(),
                new Tender.Cash(Money.of("10.00", "EUR"))),
            Map.of(Sku.of("CAKE"), List.of("CK-1")),
            anna);
    engine.warranties().claim(store, "CK-1", "sunk in the middle", max);
    engine.acceptReturn(
        ReturnRequest.of("r-serial", cake.id(), new ReturnRequest.Item(0, BigDecimal.ONE, false)),
        List.of("CK-1"),
        max);

    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.NOTIFICATIONS));
    outbox.all().forEach(reactions::handle);
    engine
        .notifications()
        .deliverDue(
            List.of(
                new NotificationDelivery() {
                  @Override
                  public Notification.Channel channel() {
                    return Notification.Channel.WEBHOOK;
                  }

                  @Override
                  public void deliver(Notification n) {}
                }),
            10);
  }
}
