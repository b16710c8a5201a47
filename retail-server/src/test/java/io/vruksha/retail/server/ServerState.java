package io.vruksha.retail.server;

import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a request body could change in an in-memory engine, as one comparable text: stores,
 * catalogue, prices and their history, promotions and coupons, tax rules, and per store the sales,
 * returns, stock levels, invoices, fiscal journal, purchase orders, staff, shifts and parked carts;
 * plus the known customers, carts and credentials, and the number of events in the outbox (every
 * committed change writes one). Two snapshots are equal when nothing changed.
 */
final class ServerState {

  private ServerState() {}

  /** Waits until the in-process reactions have handled every event, so nothing moves by itself. */
  static void settle(RetailEngine engine) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!EngineHost.outbox(engine).pending(1).isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The snapshot; {@code customers}, {@code carts} and {@code staff} name records to include. */
  static String of(
      RetailEngine e, Collection<String> customers, Collection<String> carts, Set<String> staff) {
    StringBuilder s = new StringBuilder();
    List<Store> stores = e.stores().all();
    add(s, "stores", stores);
    List<SellableItem> items = e.catalog().items();
    add(s, "items", items);
    add(s, "price lists", e.priceBook().lists());
    for (SellableItem item : items) {
      add(s, "price history " + item.sku(), e.priceBook().history(item.sku()));
    }
    add(s, "coupons", e.promotions().coupons());
    for (Store store : stores) {
      var id = store.id();
      s.append("== store ").append(id).append('\n');
      add(s, "tax", List.of(e.taxRules().jurisdictionOf(id)));
      add(s, "promotions", e.promotions().active(id));
      add(s, "sales", e.sales().list(id));
      add(s, "returns", e.sales().returns(id));
      add(s, "stock", e.stock().ledger().levels(id));
      add(s, "invoices", e.billing().invoices().list(id));
      add(s, "journal", e.journal().entries(id));
      add(s, "orders", e.orders().orders().list(id));
      add(s, "notification subscriptions", e.notifications().outbox().subscriptions(id));
      add(s, "notifications", e.notifications().outbox().list(id, 1_000));
      var slots = e.curbside().slots().slots(id, Instant.EPOCH, Instant.MAX);
      add(s, "curbside slots", slots);
      for (var slot : slots) {
        add(s, "bookings " + slot.id(), e.curbside().slots().bookings(id, slot.id()));
      }
      add(s, "orders", e.purchasing().procurement().orders(id));
      add(s, "staff", e.workforce().staff().list(id));
      add(s, "shifts", e.registers().shifts().list(id));
      add(s, "parked", e.tills().parked(id));
    }
    List<Object> known = new ArrayList<>();
    for (String c : customers) {
      known.add(e.customers().customers().find(CustomerId.of(c)));
    }
    for (String c : carts) {
      known.add(e.tills().cart(c));
    }
    for (String m : staff) {
      known.add(e.credentials().find(m).map(x -> x.staffId() + " " + x));
    }
    add(s, "known", known);
    s.append("events ").append(eventCount(e)).append('\n');
    return s.toString();
  }

  private static Object eventCount(RetailEngine e) {
    if (EngineHost.outbox(e) instanceof InMemoryOutbox memory) {
      return memory.all().size();
    }
    return "?";
  }

  private static void add(StringBuilder s, String name, Collection<?> values) {
    Set<String> sorted = new TreeSet<>();
    for (Object v : values) {
      sorted.add(String.valueOf(v));
    }
    s.append(name).append(' ').append(sorted).append('\n');
  }
}
