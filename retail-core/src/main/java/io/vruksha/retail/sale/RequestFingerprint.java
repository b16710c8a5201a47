package io.vruksha.retail.sale;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.tax.TaxExemption;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fingerprint an idempotency key is held to: SHA-256 over an explicit canonical text of the
 * request, written field by field here rather than from the records' {@code toString()}, so that
 * renaming a field or reformatting a record does not change the hash of a request already stored,
 * and the same request (quantities {@code 2} and {@code 2.000}, coupons in any order) hashes the
 * same in every process and version. {@code RequestFingerprintTest} pins the text and the hash:
 * changing either is a breaking change for retries in flight across an upgrade.
 */
final class RequestFingerprint {

  private RequestFingerprint() {}

  /** The canonical text of a checkout: store, time, shopper, coupons, discount, lines, tenders. */
  static String canonical(CheckoutRequest r) {
    BasketRequest b = r.basket();
    StringBuilder s = new StringBuilder("checkout/1");
    field(s, "store", b.store().value());
    field(s, "at", b.at().map(Instant::toString).orElse(""));
    shopper(s, b.shopper());
    TreeSet<String> coupons = new TreeSet<>();
    b.couponCodes().forEach(c -> coupons.add(escape(c)));
    raw(s, "coupons", String.join(",", coupons));
    raw(s, "discount", b.basketDiscount().map(RequestFingerprint::discount).orElse(""));
    for (BasketLine l : b.lines()) {
      raw(
          s,
          "line",
          escape(l.code())
              + ";"
              + l.quantity().map(RequestFingerprint::quantity).orElse("")
              + ";"
              + l.priceOverride().map(RequestFingerprint::price).orElse("")
              + ";"
              + l.discount().map(RequestFingerprint::discount).orElse(""));
    }
    for (Tender t : r.tenders()) {
      raw(s, "tender", tender(t));
    }
    field(s, "shift", r.shiftId().orElse(""));
    return s.toString();
  }

  /** The canonical text of a return: sale, refund destination, items, shift. */
  static String canonical(ReturnRequest r) {
    StringBuilder s = new StringBuilder("return/1");
    field(s, "sale", r.saleId());
    field(s, "refundTo", r.refundTo().name());
    for (ReturnRequest.Item item : r.items()) {
      raw(s, "item", item.lineIndex() + ";" + plain(item.quantity()) + ";" + item.restock());
    }
    field(s, "shift", r.shiftId().orElse(""));
    return s.toString();
  }

  /** SHA-256 of {@code text} in UTF-8, as lower-case hex. */
  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void shopper(StringBuilder s, Shopper shopper) {
    field(s, "customer", shopper.customerId().orElse(""));
    field(s, "group", shopper.group().map(CustomerGroupId::value).orElse(""));
    field(s, "tier", shopper.tier().map(LoyaltyTier::value).orElse(""));
    raw(s, "exemption", shopper.taxExemption().map(RequestFingerprint::exemption).orElse(""));
  }

  private static String exemption(TaxExemption e) {
    TreeSet<String> categories = new TreeSet<>();
    for (TaxCategory c : e.categories()) {
      categories.add(escape(c.value()));
    }
    return escape(e.certificateId()) + ";" + String.join(",", categories);
  }

  private static String tender(Tender t) {
    if (t instanceof Tender.Cash c) {
      return "CASH;" + money(c.given());
    } else if (t instanceof Tender.Card c) {
      return "CARD;" + money(c.amount()) + ";" + escape(c.reference());
    } else if (t instanceof Tender.Points p) {
      return "POINTS;" + p.points();
    } else if (t instanceof Tender.StoreCredit c) {
      return "STORE_CREDIT;" + money(c.amount());
    } else if (t instanceof Tender.GiftCard g) {
      return "GIFT_CARD;" + money(g.amount()) + ";" + escape(g.code());
    } else if (t instanceof Tender.Provider p) {
      return "PROVIDER;" + p.kind() + ";" + money(p.amount()) + ";" + escape(p.instrument());
    } else if (t instanceof Tender.Captured c) {
      return "CAPTURED;" + c.kind() + ";" + money(c.amount()) + ";" + escape(c.reference());
    }
    throw new IllegalStateException("a tender the fingerprint does not know: " + t.getClass());
  }

  private static String discount(ManualDiscount d) {
    if (d instanceof ManualDiscount.Percent p) {
      return "PERCENT;" + plain(p.percent()) + ";" + escape(p.reason());
    } else if (d instanceof ManualDiscount.Amount a) {
      return "AMOUNT;" + money(a.amount()) + ";" + escape(a.reason());
    }
    throw new IllegalStateException("a discount the fingerprint does not know: " + d.getClass());
  }

  private static String quantity(Quantity q) {
    return plain(q.value()) + " " + q.unit().name();
  }

  private static String price(UnitPrice p) {
    return plain(p.amount()) + " " + p.currency().getCurrencyCode();
  }

  private static String money(Money m) {
    return plain(m.amount()) + " " + m.currency().getCurrencyCode();
  }

  private static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /** One field a line: {@code name=value}, the value escaped. */
  private static void field(StringBuilder s, String name, String value) {
    raw(s, name, escape(value));
  }

  /** One field a line, its value made of parts each escaped already. */
  private static void raw(StringBuilder s, String name, String value) {
    s.append('\n').append(name).append('=').append(value);
  }

  private static String escape(String value) {
    return Optional.ofNullable(value)
        .orElse("")
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace(";", "\\;")
        .replace(",", "\\,");
  }
}
