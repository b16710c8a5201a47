package io.vruksha.retail.invoicing;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Objects;

/**
 * An entry of a store's tamper-evident journal: a committed fiscal document, chained to the one
 * before it. {@code hash = SHA-256(previousHash + "\n" + content)}, where {@code content} is the
 * document's canonical text; changing, removing or reordering any stored entry breaks the chain.
 *
 * @param sequence position in the store's journal, from 1
 * @param store the store
 * @param kind invoice, credit note or Z report
 * @param number the document's number
 * @param issuedAt when it was issued
 * @param total its total (negative for a credit note)
 * @param tax its tax
 * @param content the canonical text the hash covers
 * @param previousHash the hash of the entry before ({@link Journal#GENESIS} for the first)
 * @param hash this entry's hash
 */
public record FiscalDocument(
    long sequence,
    StoreId store,
    DocumentKind kind,
    String number,
    Instant issuedAt,
    Money total,
    Money tax,
    String content,
    String previousHash,
    String hash) {

  /** Checks for nulls. */
  public FiscalDocument {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
