package io.vruksha.retail.reaction;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.HandledEvents;
import io.vruksha.retail.notification.Notifier;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the enabled {@link Reaction}s on events, each effect exactly once per event id: the effect
 * and the mark in {@link HandledEvents} share one unit of work, so a redelivered, replayed or
 * concurrently delivered event changes nothing the second time. Whatever transport delivers the
 * events (the NATS consumers, a test, a replay) calls {@link #handle}, or {@link #handleAll} with a
 * batch (the server's in-process reactions). Thread-safe.
 */
public final class Reactions {

  private final RetailEngine engine;
  private final SalesAnalytics analytics;
  private final HandledEvents handled;
  private final Set<Reaction> enabled;

  /** The reactions in {@code enabled}, acting on {@code engine}. */
  public Reactions(RetailEngine engine, Set<Reaction> enabled) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.analytics = engine.analytics();
    this.handled = engine.handledEvents();
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Reaction.class) : EnumSet.copyOf(enabled);
  }

  /** The reactions that run. */
  public Set<Reaction> enabled() {
    return EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(Reaction.class) : enabled);
  }

  /**
   * Lets {@code reaction} handle {@code event}. True when it had an effect now; false when the
   * event is not one it reacts to, the reaction is off, or it already handled this event id. A
   * failure (an unknown store, the database down) throws and changes nothing, so the transport can
   * deliver the event again.
   */
  public boolean handle(Reaction reaction, EventEnvelope event) {
    if (!enabled.contains(reaction) || !concerns(reaction, event.payload())) {
      return false;
    }
    return engine.inStore(
        event.store(),
        () -> {
          if (!handled.markHandled(reaction.consumerName(), event.eventId())) {
            return false;
          }
          apply(reaction, event);
          return true;
        });
  }

  /** Lets every enabled reaction handle {@code event}; how many had an effect. */
  public int handle(EventEnvelope event) {
    int effects = 0;
    for (Reaction r : enabled) {
      if (handle(r, event)) {
        effects++;
      }
    }
    return effects;
  }

  /**
   * Lets every enabled reaction handle each of {@code events}, in one unit of work, and returns how
   * many effects there were. The effects are those of {@link #handle(EventEnvelope)} on each event
   * in turn, once per event id however often a batch lists it, but in another order: reaction by
   * reaction over the batch. The analytics reaction marks the batch's sales and returns handled
   * together ({@link HandledEvents#markHandled(String, java.util.Collection)}), writes each return,
   * then adds the sales up before writing them ({@link SalesAnalytics#addSales}); the other
   * reactions take the events one by one. A failure throws and, the unit of work undone, changes
   * nothing.
   */
  public int handleAll(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return 0;
    }
    Set<StoreId> stores = new HashSet<>();
    events.forEach(e -> stores.add(e.store()));
    return engine.inStores(
        stores,
        () -> {
          int effects = 0;
          for (Reaction r : enabled) {
            if (r == Reaction.ANALYTICS) {
              effects += analyticsAll(events);
            } else {
              for (EventEnvelope e : events) {
                if (handle(r, e)) {
                  effects++;
                }
              }
            }
          }
          return effects;
        });
  }

  private int analyticsAll(List<EventEnvelope> events) {
    List<EventEnvelope> concerned =
        events.stream().filter(e -> concerns(Reaction.ANALYTICS, e.payload())).toList();
    if (concerned.isEmpty()) {
      return 0;
    }
    Set<UUID> first =
        handled.markHandled(
            Reaction.ANALYTICS.consumerName(),
            concerned.stream().map(EventEnvelope::eventId).toList());
    List<SalesAnalytics.DatedSale> sales = new ArrayList<>();
    Set<UUID> applied = new HashSet<>();
    for (EventEnvelope e : concerned) {
      if (!first.contains(e.eventId()) || !applied.add(e.eventId())) {
        continue; // handled before, or listed twice
      }
      if (e.payload() instanceof DomainEvent.SaleCompleted sale) {
        sales.add(new SalesAnalytics.DatedSale(businessDay(e), sale));
      } else if (e.payload() instanceof DomainEvent.ReturnCompleted done) {
        analytics.addReturn(businessDay(e), done);
      }
    }
    analytics.addSales(sales);
    return applied.size();
  }

  private static boolean concerns(Reaction reaction, DomainEvent payload) {
    return switch (reaction) {
      case REORDER -> payload instanceof DomainEvent.StockLow;
      case ANALYTICS ->
          payload instanceof DomainEvent.SaleCompleted
              || payload instanceof DomainEvent.ReturnCompleted;
      case LOYALTY_ENROLMENT -> payload instanceof DomainEvent.CustomerCreated;
      case NOTIFICATIONS -> Notifier.concerns(payload);
    };
  }

  private void apply(Reaction reaction, EventEnvelope event) {
    DomainEvent payload = event.payload();
    if (reaction == Reaction.NOTIFICATIONS) {
      engine.notifications().onEvent(event);
    } else if (payload instanceof DomainEvent.StockLow low) {
      engine.purchasing().onLowStock(low);
    } else if (payload instanceof DomainEvent.SaleCompleted sale) {
      analytics.addSale(businessDay(event), sale);
    } else if (payload instanceof DomainEvent.ReturnCompleted done) {
      analytics.addReturn(businessDay(event), done);
    } else if (payload instanceof DomainEvent.CustomerCreated created) {
      engine.customers().enrol(created.store(), CustomerId.of(created.customerId()));
    } else {
      throw new IllegalStateException(reaction + " cannot handle " + event.subject());
    }
  }

  /** The day the event happened on, in its store's time zone. */
  private LocalDate businessDay(EventEnvelope event) {
    Store store =
        engine
            .stores()
            .find(event.store())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.NOT_FOUND,
                        "no store " + event.store() + " for " + event.subject()));
    return event.occurredAt().atZone(store.zone()).toLocalDate();
  }
}
