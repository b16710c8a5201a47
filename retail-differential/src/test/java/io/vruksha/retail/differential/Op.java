package io.vruksha.retail.differential;

import java.util.List;

/**
 * One operation of a generated sequence, as plain data: a failing sequence prints as a list of
 * these, which a regression test copies. References to earlier results are positions (the n-th
 * sale, the n-th customer, modulo how many there are), so an operation means the same in every
 * engine whatever ids each one generated. Amounts and quantities are decimal strings, exactly as
 * generated.
 */
sealed interface Op {

  /**
   * A product created (or replaced) with one variant, {@code sku}: NEW-KG is sold by the kilogram,
   * NEW-EA by the piece; {@code category} and {@code taxCategory} as the demo store has them.
   */
  record NewProduct(String sku, String name, String category, String taxCategory) implements Op {}

  /** The clock moves on by {@code nanos}. */
  record Tick(long nanos) implements Op {}

  /** The clock moves to {@code instant} (ISO-8601) when that is later: DST edges, midnights. */
  record JumpTo(String instant) implements Op {}

  /** Goods received on the floor. */
  record Receive(String sku, String quantity) implements Op {}

  /** The floor counted: {@code sku} has {@code counted}. */
  record Count(String sku, String counted) implements Op {}

  /** A new retail price for {@code sku}, from now on. */
  record SetPrice(String sku, String price) implements Op {}

  /** A new customer (enrolled in loyalty by the reaction); ids are {@code cust-1, cust-2, ...}. */
  record NewCustomer(String name) implements Op {}

  /** A basket line: a SKU and a quantity in its unit. */
  record Line(String sku, String quantity) {}

  /**
   * A checkout: {@code customer} is a position among the customers (-1 for none), {@code tender} is
   * CASH (a 1,000.00 note pile, change given), CARD (the basket's total, priced first) or
   * POINTS_AND_CARD (100 points, the rest by card).
   */
  record Sell(List<Line> lines, int customer, String tender, boolean coupon, boolean inShift)
      implements Op {
    @Override
    public String toString() {
      return "Sell["
          + lines.size()
          + " lines "
          + lines
          + ", customer="
          + customer
          + ", tender="
          + tender
          + ", coupon="
          + coupon
          + ", inShift="
          + inShift
          + "]";
    }
  }

  /** A return of {@code quantity} of line {@code line} of the {@code sale}-th sale. */
  record Return(int sale, int line, String quantity, boolean restock, boolean toStoreCredit)
      implements Op {}

  /**
   * A promotion defined (or replaced, same id) through the API's request shape: {@code target} is a
   * SKU, a category or BASKET; {@code reward} PERCENT_OFF, AMOUNT_OFF or BUNDLE (two for {@code
   * value}); valid from {@code from} until {@code until} (instants, optional) and, when {@code
   * hours} is set ("02:00-03:00"), only in those local hours of the store.
   */
  record Promote(
      String id,
      String label,
      String target,
      String reward,
      String value,
      String from,
      String until,
      String hours)
      implements Op {}

  /** The promotion {@code id} ends (DELETE). */
  record EndPromotion(String id) implements Op {}

  /** An order placed ({@code ord-1, ord-2, ...}): priced, its stock reserved for the hold. */
  record PlaceOrder(List<Line> lines, String channel, int customer, int holdHours) implements Op {}

  /**
   * The {@code order}-th order picked: every line in full, or the first one {@code short} (one
   * piece, or 0.1 kg, fewer).
   */
  record PickOrder(int order, boolean shortPick) implements Op {}

  /** The {@code order}-th order marked ready. */
  record ReadyOrder(int order) implements Op {}

  /** The {@code order}-th order collected and paid in cash (1,000.00 handed over). */
  record CollectOrder(int order) implements Op {}

  /** The {@code order}-th order cancelled. */
  record CancelOrder(int order) implements Op {}

  /** Register T1 opens a shift with {@code openingFloat}. */
  record OpenShift(String openingFloat) implements Op {}

  /** The open shift closes with {@code countedCash} in the drawer: the Z report. */
  record CloseShift(String countedCash) implements Op {}

  /**
   * A look-up as a till or a back office makes one, answered as the receipt numbers of the sales
   * found, newest first, or as the shifts found: {@code by} is NUMBER (the {@code position}-th
   * sale's receipt number), DAY (the business day the clock is in, given as a date), SINCE (from
   * the {@code position}-th of {@link Generators#EDGES} on, to the nanosecond), CUSTOMER (the
   * {@code position}-th customer's), REGISTER (sold on register T1's shifts), RETURNED (with a
   * return against them), OPEN_SHIFT (register T1's open shift) or SHIFTS (register T1's shifts).
   */
  record LookUp(String by, int position) implements Op {}

  /**
   * An import with the command line ({@code retail import products|prices|stock|customers}) on the
   * PostgreSQL engines' databases, and the same rows through the reference's ports: one product
   * (NEW-KG or NEW-EA, as {@link NewProduct} makes it), its retail {@code price} (four decimals for
   * the weighed one), receipts of {@code stock} (a SKU not in the catalogue is a rejected row) and
   * customers ({@code imp<step>-1, imp<step>-2, ...}) with these names.
   */
  record Import(
      String sku,
      String name,
      String category,
      String taxCategory,
      String price,
      List<Line> stock,
      List<String> customers)
      implements Op {}
}
