package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.StoreId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which provider takes which tender kind at which store: a provider registered for a kind serves
 * every store unless a store has its own for that kind. Thread-safe.
 */
public final class PaymentProviders {

  private final Map<TenderKind, PaymentProvider> everywhere = new ConcurrentHashMap<>();
  private final Map<StoreId, Map<TenderKind, PaymentProvider>> perStore = new ConcurrentHashMap<>();
  private final Map<String, PaymentProvider> byName = new ConcurrentHashMap<>();

  /** Registers {@code provider} for {@code kind} at every store; returns this registry. */
  public PaymentProviders register(TenderKind kind, PaymentProvider provider) {
    everywhere.put(payable(kind), named(provider));
    return this;
  }

  /** Registers {@code provider} for {@code kind} at {@code store} only; returns this registry. */
  public PaymentProviders register(StoreId store, TenderKind kind, PaymentProvider provider) {
    Objects.requireNonNull(store, "store");
    perStore
        .computeIfAbsent(store, s -> new ConcurrentHashMap<>())
        .put(payable(kind), named(provider));
    return this;
  }

  /** The provider taking {@code kind} at {@code store}. */
  public Optional<PaymentProvider> find(StoreId store, TenderKind kind) {
    PaymentProvider own = perStore.getOrDefault(store, Map.of()).get(kind);
    return Optional.ofNullable(own != null ? own : everywhere.get(kind));
  }

  /** The provider of this name, if it serves {@code store}. */
  public Optional<PaymentProvider> named(StoreId store, String name) {
    return Optional.ofNullable(byName.get(name))
        .filter(
            p ->
                everywhere.containsValue(p)
                    || perStore.getOrDefault(store, Map.of()).containsValue(p));
  }

  /**
   * The provider taking {@code kind} at {@code store}.
   *
   * @throws InvalidInputException TENDER_INVALID naming the kind (and the switch that turns it on)
   */
  PaymentProvider serving(StoreId store, TenderKind kind) {
    return find(store, kind)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.TENDER_INVALID,
                    "store "
                        + store
                        + " takes no "
                        + kind
                        + " payments: no payment provider is registered for "
                        + kind
                        + switch (kind) {
                          case BNPL -> " (ENABLE_BNPL is off)";
                          case CRYPTO -> " (ENABLE_CRYPTO_PAYMENTS is off)";
                          default -> "";
                        }));
  }

  /** The provider that took {@code p}; it must still be registered at the payment's store. */
  PaymentProvider thatTook(Payment p) {
    return named(p.store(), p.provider())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "payment "
                        + p.id()
                        + " was taken by provider "
                        + p.provider()
                        + ", which is no longer registered at "
                        + p.store()));
  }

  /** Whether no provider is registered at all. */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  private PaymentProvider named(PaymentProvider provider) {
    Objects.requireNonNull(provider, "provider");
    PaymentProvider before = byName.putIfAbsent(provider.name(), provider);
    if (before != null && before != provider) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "another payment provider is already registered as '" + provider.name() + "'");
    }
    return provider;
  }

  private static TenderKind payable(TenderKind kind) {
    Objects.requireNonNull(kind, "kind");
    if (kind == TenderKind.CASH || kind == TenderKind.POINTS || kind == TenderKind.STORE_CREDIT) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, kind + " is settled by the engine itself, not by a provider");
    }
    return kind;
  }
}
