package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The till's cart: scan (barcodes, embedded price and weight), change quantities, void a line,
 * attach a customer, add a coupon, park and resume, price, check out, or void the whole sale before
 * it is paid. Thread-safe when its ports are.
 */
public final class Tills {

  private final CartStore carts;
  private final BasketPricer pricer;
  private final Checkout checkout;
  private final UnitOfWork work;
  private final Clock clock;

  /** Tills over the given ports. */
  public Tills(
      CartStore carts, BasketPricer pricer, Checkout checkout, UnitOfWork work, Clock clock) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.checkout = Objects.requireNonNull(checkout, "checkout");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Opens an empty cart. */
  public Cart open(StoreId store) {
    Cart cart =
        new Cart(
            UUID.randomUUID().toString(),
            store,
            List.of(),
            Shopper.ANONYMOUS,
            Set.of(),
            false,
            clock.instant());
    carts.save(cart);
    return cart;
  }

  /** Adds a scanned or keyed line. */
  public Cart scan(String cartId, BasketLine line) {
    return change(cartId, c -> withLines(c, append(c.lines(), line)));
  }

  /** Changes a line's quantity. */
  public Cart setQuantity(String cartId, int index, Quantity quantity) {
    return change(
        cartId,
        c -> {
          BasketLine old = line(c, index);
          List<BasketLine> lines = new ArrayList<>(c.lines());
          lines.set(
              index,
              new BasketLine(
                  old.code(), Optional.of(quantity), old.priceOverride(), old.discount()));
          return withLines(c, lines);
        });
  }

  /** Voids a line. */
  public Cart voidLine(String cartId, int index) {
    return change(
        cartId,
        c -> {
          line(c, index);
          List<BasketLine> lines = new ArrayList<>(c.lines());
          lines.remove(index);
          return withLines(c, lines);
        });
  }

  /** Attaches a customer. */
  public Cart attach(String cartId, Shopper shopper) {
    return change(
        cartId,
        c ->
            new Cart(
                c.id(), c.store(), c.lines(), shopper, c.coupons(), c.parked(), clock.instant()));
  }

  /** Adds a coupon code. */
  public Cart coupon(String cartId, String code) {
    return change(
        cartId,
        c -> {
          Set<String> coupons = new HashSet<>(c.coupons());
          coupons.add(code);
          return new Cart(
              c.id(), c.store(), c.lines(), c.shopper(), coupons, c.parked(), clock.instant());
        });
  }

  /** Parks the cart; any till of the store can resume it. */
  public Cart park(String cartId) {
    return change(
        cartId,
        c ->
            new Cart(
                c.id(), c.store(), c.lines(), c.shopper(), c.coupons(), true, clock.instant()));
  }

  /** Resumes a parked cart. */
  public Cart resume(String cartId) {
    Cart cart = find(cartId);
    if (!cart.parked()) {
      throw new RuleViolationException(ErrorCode.SHIFT_STATE, "cart " + cartId + " is not parked");
    }
    Cart resumed =
        new Cart(
            cart.id(),
            cart.store(),
            cart.lines(),
            cart.shopper(),
            cart.coupons(),
            false,
            clock.instant());
    carts.save(resumed);
    return resumed;
  }

  /** Prices the cart as it stands. */
  public PricedBasket price(String cartId, Actor actor) {
    return pricer.price(request(find(cartId)), actor);
  }

  /** Checks the cart out; the cart is gone once the sale is committed. */
  public Sale checkout(
      String cartId,
      String idempotencyKey,
      List<Tender> tenders,
      Optional<String> shiftId,
      Actor cashier) {
    return work.run(
        () -> {
          Cart cart = find(cartId);
          Sale sale =
              checkout.checkout(
                  new CheckoutRequest(idempotencyKey, request(cart), tenders, shiftId), cashier);
          carts.remove(cartId);
          return sale;
        });
  }

  /** Voids a sale that was not paid: the cart is discarded and nothing is booked. */
  public void voidCart(String cartId) {
    find(cartId);
    carts.remove(cartId);
  }

  private static BasketRequest request(Cart cart) {
    if (cart.lines().isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "cart " + cart.id() + " is empty");
    }
    BasketRequest.Builder b = BasketRequest.builder(cart.store()).shopper(cart.shopper());
    cart.lines().forEach(b::add);
    cart.coupons().forEach(b::coupon);
    return b.build();
  }

  private Cart change(String cartId, UnaryOperator<Cart> edit) {
    Cart cart = find(cartId);
    if (cart.parked()) {
      throw new RuleViolationException(
          ErrorCode.SHIFT_STATE, "cart " + cartId + " is parked: resume it first");
    }
    Cart changed = edit.apply(cart);
    carts.save(changed);
    return changed;
  }

  private Cart withLines(Cart c, List<BasketLine> lines) {
    return new Cart(
        c.id(), c.store(), lines, c.shopper(), c.coupons(), c.parked(), clock.instant());
  }

  private static List<BasketLine> append(List<BasketLine> lines, BasketLine line) {
    List<BasketLine> copy = new ArrayList<>(lines);
    copy.add(line);
    return copy;
  }

  private static BasketLine line(Cart c, int index) {
    if (index < 0 || index >= c.lines().size()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "cart " + c.id() + " has no line " + index);
    }
    return c.lines().get(index);
  }

  /** The cart with this id, if any. */
  public Optional<Cart> cart(String cartId) {
    return carts.find(cartId);
  }

  /** The store's parked carts. */
  public List<Cart> parked(StoreId store) {
    return carts.parked(store);
  }

  private Cart find(String cartId) {
    return carts
        .find(cartId)
        .orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "no cart " + cartId));
  }
}
