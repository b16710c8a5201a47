package io.vruksha.retail.cli;

import io.vruksha.retail.cli.ImportSales.Unparsable;
import io.vruksha.retail.postgres.PostgresSalesHistoryImport;
import io.vruksha.retail.postgres.PostgresSalesHistoryImport.TaxMode;
import io.vruksha.retail.store.Store;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;

/**
 * The reading side of {@code retail import sales}: each row of the file mapped to the staging
 * table's columns ({@link PostgresSalesHistoryImport#STAGING_COLUMNS}) in COPY's text format, with
 * what the row lacks derived (a discount from {@code discount_rate} and the unit price, {@link
 * DerivedAmounts}; the tax, {@link SalesTax}; dates, {@link ImportDates}), or the reason it cannot
 * be read (not a number, more decimals than the history keeps, a bad date). What needs the database
 * (unknown SKUs, totals that do not add up, duplicates) is checked after staging, in SQL. Runs on
 * the reading thread of {@link ReadAhead}; one encoder per import.
 *
 * <p>For the straight way ({@link Straight}) it writes {@code sales_history}'s columns instead
 * ({@link PostgresSalesHistoryImport#HISTORY_COLUMNS}) and checks each row as the validation in SQL
 * would, but for the SKU (checked after the COPY) and duplicates (the table's key): the first row
 * that fails ends the reading with {@link NotStraight}.
 */
final class SalesRowEncoder {

  /**
   * The decimals sales history holds of an amount ({@code unit_price}, {@code discount}, {@code
   * tax}, {@code total} are {@code numeric(19,4)}): a row with more is rejected, never rounded.
   */
  static final int AMOUNT_SCALE = 4;

  /**
   * The decimals the stock ledger holds of a quantity ({@code numeric(19,3)}), for --move-stock.
   */
  static final int STOCK_SCALE = 3;

  /** The fields held to {@link #AMOUNT_SCALE} decimals. */
  private static final Set<String> AMOUNTS = Set.of("unit_price", "discount", "tax", "total");

  /** The largest magnitude numeric(19,4) holds. */
  private static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

  private final Store store;
  private final TaxMode taxMode;
  private final boolean moveStock;
  private final boolean decimalComma;
  private final ImportDates dates;
  private final SalesTax salesTax;

  private final Straight straight;

  SalesRowEncoder(
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean decimalComma,
      ImportDates dates,
      SalesTax salesTax) {
    this(store, taxMode, moveStock, decimalComma, dates, salesTax, null);
  }

  /** An encoder for the straight way, or with {@code straight} null for the staging table. */
  SalesRowEncoder(
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean decimalComma,
      ImportDates dates,
      SalesTax salesTax,
      Straight straight) {
    this.straight = straight;
    this.store = store;
    this.taxMode = taxMode;
    this.moveStock = moveStock;
    this.decimalComma = decimalComma;
    this.dates = dates;
    this.salesTax = salesTax;
  }

  /**
   * The straight way's state: the days the store has history on (a row on one of them ends it), and
   * the days of the rows written so far, read by the writing thread once reading ended.
   */
  static final class Straight {
    private final Set<LocalDate> known;
    private final Set<LocalDate> days = new HashSet<>();

    Straight(Set<LocalDate> known) {
      this.known = known;
    }

    /** The days of the rows written. */
    Set<LocalDate> days() {
      return days;
    }
  }

  /** A row the straight way cannot take: the import takes the staging table instead. */
  static final class NotStraight extends RuntimeException {
    NotStraight(String message) {
      super(message, null, false, false);
    }
  }

  /** The largest difference between a total and its parts that the validation accepts. */
  private static final BigDecimal CENT = new BigDecimal("0.01");

  /** A row rejected before it reached the database, and why. */
  record Reject(ImportReader.Row row, String reason) {}

  /** Rows the reading thread rejected, in file order, for this thread to write. */
  record Rejected(List<Reject> rows) {}

  /** Rejected rows the reading thread hands on at most at a time. */
  private static final int REJECTS_AT_A_TIME = 1_000;

  /**
   * The reading thread: reads and parses every row, handing COPY data of about {@link
   * ReadAhead#BLOCK} characters at a time, and the rows that cannot be staged, to {@code sink}.
   */
  void encode(ImportReader reader, ProgressBar progress, ReadAhead.Sink sink)
      throws IOException, InterruptedException {
    StringBuilder buf = new StringBuilder(ReadAhead.BLOCK + 4096);
    ZoneId zone = store.zone();
    String currency = store.currency().getCurrencyCode();
    List<Reject> rejected = new ArrayList<>();
    long rejectedChars = 0;
    for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
      if (progress != null) {
        progress.step();
      }
      String reason = row.error();
      if (reason == null) {
        try {
          stage(buf, row.line(), row.fields(), zone, currency);
        } catch (Unparsable e) {
          reason = e.getMessage();
        }
      }
      if (reason != null && straight != null) {
        throw new NotStraight("line " + row.line() + ": " + reason);
      }
      if (reason != null) {
        rejected.add(new Reject(row, reason));
        rejectedChars += reason.length();
        for (String column : row.original()) {
          rejectedChars += column.length();
        }
        if (rejected.size() >= REJECTS_AT_A_TIME || rejectedChars >= ReadAhead.BLOCK) {
          sink.put(new Rejected(rejected));
          rejected = new ArrayList<>();
          rejectedChars = 0;
        }
      }
      if (buf.length() >= ReadAhead.BLOCK) {
        sink.put(take(buf));
      }
    }
    if (!rejected.isEmpty()) {
      sink.put(new Rejected(rejected));
    }
    if (buf.length() > 0) {
      sink.put(take(buf));
    }
  }

  private static byte[] take(StringBuilder buf) {
    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
    buf.setLength(0);
    return bytes;
  }

  /** Appends one row in COPY's text format, or throws saying why it cannot be read. */
  private void stage(
      StringBuilder buf, long fileLine, Map<String, String> f, ZoneId zone, String storeCurrency)
      throws Unparsable {
    String receipt = text(f, "receipt_id");
    int line;
    String lineText = text(f, "line");
    try {
      line = Integer.parseInt(lineText);
    } catch (NumberFormatException e) {
      throw new Unparsable("line '" + lineText + "' is not a whole number");
    }
    Instant soldAt;
    try {
      soldAt = dates.read("sold_at", text(f, "sold_at"));
    } catch (DateTimeException e) {
      throw new Unparsable(e.getMessage());
    }
    LocalDate day = LocalDate.ofInstant(soldAt, zone);
    String sku = text(f, "sku");
    BigDecimal quantity = number(f, "quantity", null);
    if (moveStock && quantity.stripTrailingZeros().scale() > STOCK_SCALE) {
      // the history keeps it exactly, but the movement's numeric(19,3) would round it
      throw new Unparsable(
          "quantity '"
              + quantity.toPlainString()
              + "' has "
              + quantity.stripTrailingZeros().scale()
              + " decimals: with --move-stock the stock ledger keeps quantities exactly to "
              + STOCK_SCALE
              + " and never rounds them");
    }
    BigDecimal total = number(f, "total", null);
    BigDecimal unitPrice = optional(f, "unit_price");
    BigDecimal discount = optional(f, "discount");
    BigDecimal rate = discountRate(f);
    if (discount != null && rate != null) {
      throw new Unparsable("discount and discount_rate are both given: give one of them");
    }
    BigDecimal tax = optional(f, "tax");
    String currency = f.get("currency");
    currency =
        currency == null || currency.isBlank()
            ? storeCurrency
            : currency.strip().toUpperCase(Locale.ROOT);
    if (currency.length() != 3) {
      throw new Unparsable("currency '" + currency + "' is not a three-letter code");
    }
    String customer = f.get("customer_id");
    customer = customer == null || customer.isBlank() ? null : customer.strip();

    boolean derived = unitPrice == null;
    // a row another check rejects (its quantity, currency or SKU) gets zeros for what it lacks
    boolean derivable = quantity.signum() > 0 && currency.equals(storeCurrency);
    if (!derivable) {
      unitPrice = unitPrice == null ? BigDecimal.ZERO : unitPrice;
      discount = discount == null ? BigDecimal.ZERO : discount;
      tax = tax == null ? BigDecimal.ZERO : tax;
    } else if (unitPrice != null) {
      if (discount == null) {
        discount =
            rate == null
                ? BigDecimal.ZERO
                : DerivedAmounts.round(quantity.multiply(unitPrice).multiply(rate));
      }
      if (tax == null) {
        tax =
            taxMode == TaxMode.EXCLUDED
                ? salesTax.of(sku, quantity.multiply(unitPrice).subtract(discount), false)
                : salesTax.of(sku, total, true);
      }
    } else {
      if (tax == null) {
        // the total is what the line was paid, tax included
        tax = salesTax.of(sku, total, true);
      }
      BigDecimal paid = taxMode == TaxMode.EXCLUDED ? total.subtract(tax) : total;
      if (discount == null) {
        discount = rate == null ? BigDecimal.ZERO : DerivedAmounts.discountFromRate(paid, rate);
      }
      unitPrice = DerivedAmounts.unitPrice(paid, discount, quantity);
      check("unit_price", unitPrice, "derived");
    }

    if (straight != null) {
      refuseUnlessValid(day, quantity, unitPrice, discount, tax, total, currency, derived);
      straight.days.add(day);
      escape(buf, store.id().value()).append('\t');
    } else {
      buf.append(fileLine).append('\t');
    }
    escape(buf, receipt).append('\t');
    buf.append(line).append('\t');
    appendInstant(buf, soldAt).append('\t');
    buf.append(day).append('\t');
    escape(buf, sku).append('\t');
    buf.append(quantity.toPlainString()).append('\t');
    buf.append(unitPrice.toPlainString()).append('\t');
    buf.append(discount.toPlainString()).append('\t');
    buf.append(tax.toPlainString()).append('\t');
    buf.append(total.toPlainString()).append('\t');
    escape(buf, currency).append('\t');
    if (customer == null) {
      buf.append("\\N");
    } else {
      escape(buf, customer);
    }
    if (straight == null) {
      buf.append('\t').append(derived ? 't' : 'f');
    }
    buf.append('\n');
  }

  /**
   * The straight way's check of a row: what the validation in SQL refuses ({@code
   * PostgresSalesHistoryImport#validate}, with the same arithmetic), and a day the store has
   * history on, end it.
   */
  private void refuseUnlessValid(
      LocalDate day,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal discount,
      BigDecimal tax,
      BigDecimal total,
      String currency,
      boolean derived) {
    if (straight.known.contains(day)) {
      throw new NotStraight("the store has sales history on " + day);
    }
    if (quantity.signum() <= 0
        || unitPrice.signum() < 0
        || discount.signum() < 0
        || tax.signum() < 0
        || !currency.equals(store.currency().getCurrencyCode())) {
      throw new NotStraight("a row the validation refuses");
    }
    if (!derived) {
      BigDecimal net = quantity.multiply(unitPrice).subtract(discount);
      boolean included = total.subtract(net).abs().compareTo(CENT) <= 0;
      boolean excluded = total.subtract(net.add(tax)).abs().compareTo(CENT) <= 0;
      boolean addsUp =
          switch (taxMode) {
            case INCLUDED -> included;
            case EXCLUDED -> excluded;
            case EITHER -> included || excluded;
          };
      if (!addsUp) {
        throw new NotStraight("a total that does not add up");
      }
    }
  }

  /**
   * A {@code discount_rate}: a fraction ({@code 0.15}) or a percentage ({@code 15%}); null when the
   * row has none. A plain number above 1 is refused rather than guessed at.
   */
  private BigDecimal discountRate(Map<String, String> f) throws Unparsable {
    String v = f.get("discount_rate");
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.strip();
    boolean percent = t.endsWith("%");
    if (percent) {
      t = t.substring(0, t.length() - 1).strip();
    }
    BigDecimal rate = parse("discount_rate", v, t);
    if (percent) {
      rate = rate.movePointLeft(2);
    } else if (rate.compareTo(BigDecimal.ONE) > 0) {
      throw new Unparsable(
          "discount_rate '"
              + v.strip()
              + "' is more than 1: write a fraction (0.15) or a percentage (15%)");
    }
    if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
      throw new Unparsable("discount_rate '" + v.strip() + "' is not between 0 and 100%");
    }
    return rate;
  }

  private static String text(Map<String, String> f, String field) throws Unparsable {
    String v = f.get(field);
    if (v == null || v.isBlank()) {
      throw new Unparsable(field + " is missing");
    }
    return v.strip();
  }

  private BigDecimal number(Map<String, String> f, String field, BigDecimal absent)
      throws Unparsable {
    String v = f.get(field);
    if (v == null || v.isBlank()) {
      if (absent != null) {
        return absent;
      }
      throw new Unparsable(field + " is missing");
    }
    return parse(field, v, v.strip());
  }

  /** The number of {@code field}, or null when the row has none. */
  private BigDecimal optional(Map<String, String> f, String field) throws Unparsable {
    String v = f.get(field);
    return v == null || v.isBlank() ? null : parse(field, v, v.strip());
  }

  private BigDecimal parse(String field, String v, String t) throws Unparsable {
    if (decimalComma) {
      t = t.replace(".", "").replace(',', '.');
    }
    BigDecimal n;
    try {
      n = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new Unparsable(field + " '" + v.strip() + "' is not a number");
    }
    check(field, n, "'" + v.strip() + "'");
    return n;
  }

  private static void check(String field, BigDecimal n, String shown) throws Unparsable {
    if (n.abs().compareTo(LIMIT) >= 0 || n.scale() > 12) {
      throw new Unparsable(field + " " + shown + " is out of range");
    }
    if (AMOUNTS.contains(field) && n.stripTrailingZeros().scale() > AMOUNT_SCALE) {
      // numeric(19,4) would round it without a word: 0.00049 would be stored as 0.0005
      throw new Unparsable(
          field
              + " "
              + shown
              + " has "
              + n.stripTrailingZeros().scale()
              + " decimals: sales history keeps amounts exactly to "
              + AMOUNT_SCALE
              + " and never rounds them");
    }
  }

  /**
   * An ISO-8601 instant ({@code 2026-03-02T13:05:00Z}), date-time with offset, or local date-time
   * ({@code 2026-03-02T14:05:00} or with a space for the T) read in the store's zone.
   */
  static Instant instant(String s, ZoneId zone) throws Unparsable {
    // a space for the T: the first space, at 10 (one before it fails to parse either way)
    String t =
        s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.length() > 19 && hasOffset(t)) {
        return OffsetDateTime.parse(t).toInstant();
      }
      LocalDateTime local = plainLocal(t);
      return ZonedDateTime.of(local != null ? local : LocalDateTime.parse(t), zone).toInstant();
    } catch (DateTimeException e) {
      throw new Unparsable(
          "sold_at '" + s + "' is not a date-time (ISO-8601: 2026-03-02T14:05:00[+01:00|Z])");
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm} or {@code yyyy-MM-ddTHH:mm:ss}, the usual local date-times, read
   * without a formatter (which costs more than the rest of a row); null for anything else, an
   * impossible date or time included, which {@link LocalDateTime#parse} then reads or rejects.
   */
  private static LocalDateTime plainLocal(String t) {
    int n = t.length();
    if ((n != 16 && n != 19)
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || (n == 19 && t.charAt(16) != ':')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = n == 19 ? digits(t, 17, 19) : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The ASCII digits of {@code s} from {@code from} to {@code to} as a number, or -1. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean hasOffset(String t) {
    int tee = t.indexOf('T');
    return tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0);
  }

  /** The first second of the year 0000 and of the year 10000, UTC. */
  private static final long YEAR_0 = -62_167_219_200L;

  private static final long YEAR_10000 = 253_402_300_800L;

  /**
   * Appends {@code i} as {@link Instant#toString()} writes it, without its formatter for a whole
   * second of the years 0000 to 9999 ({@code 2026-03-02T13:05:00Z}).
   */
  static StringBuilder appendInstant(StringBuilder buf, Instant i) {
    long seconds = i.getEpochSecond();
    if (i.getNano() != 0 || seconds < YEAR_0 || seconds >= YEAR_10000) {
      return buf.append(i);
    }
    LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int year = utc.getYear();
    buf.append((char) ('0' + year / 1000))
        .append((char) ('0' + year / 100 % 10))
        .append((char) ('0' + year / 10 % 10))
        .append((char) ('0' + year % 10))
        .append('-');
    twoDigits(buf, utc.getMonthValue()).append('-');
    twoDigits(buf, utc.getDayOfMonth()).append('T');
    twoDigits(buf, utc.getHour()).append(':');
    twoDigits(buf, utc.getMinute()).append(':');
    return twoDigits(buf, utc.getSecond()).append('Z');
  }

  private static StringBuilder twoDigits(StringBuilder buf, int v) {
    return buf.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static StringBuilder escape(StringBuilder buf, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> buf.append("\\\\");
        case '\t' -> buf.append("\\t");
        case '\n' -> buf.append("\\n");
        case '\r' -> buf.append("\\r");
        default -> buf.append(c);
      }
    }
    return buf;
  }
}
