package io.vruksha.retail.invoicing;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers, chains and verifies fiscal documents.
 *
 * <p>Numbers read {@code SERIES-YEAR-NNNNNN}, e.g. {@code S001-2026-000123}: gapless per store,
 * series and year. Each document is appended to the store's journal with {@code hash =
 * SHA-256(previousHash + "\n" + content)}. {@link #verify} recomputes the chain and names every
 * entry that was altered, removed or moved. Thread-safe when its ports are.
 *
 * <p>A till's journal ({@link #FiscalJournal(Journal, InvoiceSequence, Optional)} with its till id)
 * puts the till after the series, {@code S001-T01-2026-000123}: each till numbers its own series,
 * gapless per store, series with till, and year, so tills selling offline never take the same
 * number.
 */
public final class FiscalJournal {

  /** What a till id may be: 1 to 8 ASCII letters or digits. */
  public static final Pattern TILL_ID = Pattern.compile("[A-Za-z0-9]{1,8}");

  private final Journal journal;
  private final InvoiceSequence sequence;
  private final Optional<String> till;

  /** A fiscal journal over the given ports. */
  public FiscalJournal(Journal journal, InvoiceSequence sequence) {
    this(journal, sequence, Optional.empty());
  }

  /**
   * A fiscal journal over the given ports, numbering a till's series when {@code till} is given.
   *
   * @throws IllegalArgumentException when the till id is not 1 to 8 letters or digits
   */
  public FiscalJournal(Journal journal, InvoiceSequence sequence, Optional<String> till) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
    this.till = Objects.requireNonNull(till, "till");
    till.ifPresent(
        t -> {
          if (!TILL_ID.matcher(t).matches()) {
            throw new IllegalArgumentException("a till id is 1 to 8 letters or digits, was " + t);
          }
        });
  }

  /** The till whose series this journal numbers, if it is a till's. */
  public Optional<String> till() {
    return till;
  }

  /**
   * The next document number, {@code SERIES-YEAR-NNNNNN} ({@code SERIES-TILL-YEAR-NNNNNN} for a
   * till; at least six digits, ASCII whatever the JVM's default locale); call inside the issuing
   * unit of work.
   */
  public String nextNumber(StoreId store, String series, Instant at) {
    int year = at.atOffset(ZoneOffset.UTC).getYear();
    String numbered = till.map(t -> series + "-" + t).orElse(series);
    return number(numbered, year, sequence.next(store, numbered, year));
  }

  /**
   * The till a document number names, {@code T01} in {@code S001-T01-2026-000123}; empty for a
   * number of the centre's own series ({@code S001-2026-000123}).
   */
  public static Optional<String> tillOf(String number) {
    String[] parts = number.split("-");
    return parts.length == 4 && TILL_ID.matcher(parts[1]).matches()
        ? Optional.of(parts[1])
        : Optional.empty();
  }

  /**
   * {@code series-year-n}, {@code n} zero-padded to six digits. Not {@code String.format}: it
   * writes the default locale's digits (Thai or Arabic-Indic ones under such a locale), and it was
   * 2.6% of a checkout's CPU in the server's profile.
   */
  static String number(String series, int year, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a document number is never negative, was " + n);
    }
    String digits = Long.toString(n);
    StringBuilder b = new StringBuilder(series.length() + 13 + digits.length());
    b.append(series).append('-').append(year).append('-');
    for (int i = digits.length(); i < 6; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /**
   * Chains and appends a document; call inside the issuing unit of work. The issue time is kept to
   * the microsecond, the precision every adapter stores, so the hash verifies after a round trip.
   */
  public FiscalDocument append(
      StoreId store,
      DocumentKind kind,
      String number,
      Instant issuedAt,
      Money total,
      Money tax,
      String body) {
    Instant at = Instants.micros(issuedAt);
    Journal.Head head = journal.head(store);
    String previous = head.hash();
    long seq = head.sequence() + 1;
    String content = content(seq, store, kind, number, at, total, tax, body);
    FiscalDocument doc =
        new FiscalDocument(
            seq, store, kind, number, at, total, tax, content, previous, hash(previous, content));
    journal.append(doc);
    return doc;
  }

  /**
   * The canonical lines of a priced basket for a document's content: {@code
   * L|sku|quantity|total|tax}, one per line.
   */
  public static String lines(PricedBasket basket) {
    StringBuilder b = new StringBuilder();
    for (PricedLine l : basket.lines()) {
      b.append("L|")
          .append(l.sku())
          .append('|')
          .append(l.quantity().value().toPlainString())
          .append('|')
          .append(l.total())
          .append('|')
          .append(l.tax().tax())
          .append('\n');
    }
    return b.toString();
  }

  /** The store's journal. */
  public List<FiscalDocument> entries(StoreId store) {
    return journal.entries(store);
  }

  /** Verifies a store's journal as stored. */
  public List<String> verify(StoreId store) {
    return verify(journal.entries(store));
  }

  /**
   * Recomputes a chain and returns one line per problem, empty when it verifies: an entry whose
   * content no longer matches its hash (altered), whose previous hash is not the hash of the entry
   * before it (an entry removed or moved), or whose sequence skips.
   */
  public static List<String> verify(List<FiscalDocument> entries) {
    List<String> problems = new ArrayList<>();
    String previous = Journal.GENESIS;
    long expectedSeq = 1;
    for (FiscalDocument d : entries) {
      problems.addAll(verify(d, previous, expectedSeq));
      previous = d.hash();
      expectedSeq = d.sequence() + 1;
    }
    return problems;
  }

  /**
   * Checks one entry as {@link #verify(List)} does, given the hash and sequence it must follow
   * (where a copy of a chain ends): one line per problem, empty when it verifies.
   */
  public static List<String> verify(FiscalDocument d, String previous, long expectedSeq) {
    List<String> problems = new ArrayList<>();
    String content =
        content(
            d.sequence(),
            d.store(),
            d.kind(),
            d.number(),
            d.issuedAt(),
            d.total(),
            d.tax(),
            body(d.content()));
    if (!content.equals(d.content()) || !hash(d.previousHash(), d.content()).equals(d.hash())) {
      problems.add(
          "entry "
              + d.sequence()
              + " ("
              + d.number()
              + ") was altered: its hash does not match its content");
    }
    if (!d.previousHash().equals(previous)) {
      problems.add(
          "entry "
              + d.sequence()
              + " ("
              + d.number()
              + ") does not follow the entry before it: one was removed or moved");
    }
    if (d.sequence() != expectedSeq) {
      problems.add(
          "entry "
              + d.sequence()
              + " ("
              + d.number()
              + ") should be number "
              + expectedSeq
              + " in the journal");
    }
    return problems;
  }

  /**
   * An entry's content: its heading line ({@code sequence|store|kind|number|issuedAt|total|tax})
   * and then {@code body}, exactly as {@link #append} hashes it. An adapter that stores a sale's
   * entry without its content rebuilds it with this from the entry's columns and the sale ({@link
   * io.vruksha.retail.sale.FiscalRecords#saleBody}).
   */
  public static String content(
      long seq,
      StoreId store,
      DocumentKind kind,
      String number,
      Instant at,
      Money total,
      Money tax,
      String body) {
    return String.join(
            "|",
            Long.toString(seq),
            store.value(),
            kind.name(),
            number,
            at.toString(),
            total.toString(),
            tax.toString())
        + "\n"
        + body;
  }

  /** What an entry's content holds after its heading line: the document's lines. */
  public static String body(FiscalDocument entry) {
    return body(entry.content());
  }

  private static String body(String content) {
    int nl = content.indexOf('\n');
    return nl < 0 ? "" : content.substring(nl + 1);
  }

  /** {@code SHA-256(previous + "\n" + content)} in lower-case hex: an entry's hash. */
  public static String hash(String previous, String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
