package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import java.util.Objects;

/** How a customer pays (part of) a sale. Split tenders are a list of these. */
public sealed interface Tender {

  /**
   * Cash handed over; the only tender that may overpay (the excess is given back as change). Cash
   * is rounded by the store's cash rounding.
   *
   * @param given the cash handed over
   */
  record Cash(Money given) implements Tender {
    /** Validates the amount. */
    public Cash {
      requirePositive(given);
    }
  }

  /**
   * A card payment authorised by the terminal.
   *
   * @param amount the amount charged
   * @param reference the terminal's authorisation reference
   */
  record Card(Money amount, String reference) implements Tender {
    /** Validates the amount and reference. */
    public Card {
      requirePositive(amount);
      if (reference == null || reference.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a card tender needs the terminal's reference");
      }
    }
  }

  /**
   * Loyalty points redeemed at the programme's point value.
   *
   * @param points the points to redeem
   */
  record Points(long points) implements Tender {
    /** Validates the count. */
    public Points {
      if (points <= 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a points tender needs points above zero");
      }
    }
  }

  /**
   * The customer's store credit (from an earlier return).
   *
   * @param amount the amount used
   */
  record StoreCredit(Money amount) implements Tender {
    /** Validates the amount. */
    public StoreCredit {
      requirePositive(amount);
    }
  }

  /**
   * A gift card, of which {@code amount} is spent (what is left stays on the card).
   *
   * @param code the code printed on the card (spaces and dashes allowed)
   * @param amount the amount taken from it
   */
  record GiftCard(String code, Money amount) implements Tender {
    /** Validates the amount and code. */
    public GiftCard {
      requirePositive(amount);
      if (code == null || code.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a gift card tender needs the card's code");
      }
    }

    /** Hides the code: a request logged by mistake does not leak it. */
    @Override
    public String toString() {
      return "GiftCard[code=****"
          + code.substring(Math.max(0, code.length() - 4))
          + ", amount="
          + amount
          + "]";
    }
  }

  /**
   * A payment taken through the store's {@link io.vruksha.retail.payment.PaymentProvider} for
   * {@code kind} (a card terminal, buy now pay later, crypto): the sale waits for the provider, so
   * it goes through {@code engine.payments().begin(...)}, not a plain checkout.
   *
   * @param kind CARD, BNPL or CRYPTO
   * @param amount the amount to take
   * @param instrument what the provider needs to find the customer's means of payment (a test card
   *     number, a token, a phone number); possibly empty, never stored
   */
  record Provider(TenderKind kind, Money amount, String instrument) implements Tender {
    /** Validates the kind and amount. */
    public Provider {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(instrument, "instrument");
      requirePositive(amount);
      if (kind == TenderKind.CASH
          || kind == TenderKind.POINTS
          || kind == TenderKind.STORE_CREDIT
          || kind == TenderKind.GIFT_CARD) {
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID, kind + " is not paid through a payment provider");
      }
    }
  }

  /**
   * A provider payment already captured (a pending checkout completing): booked as it is.
   *
   * @param kind what paid
   * @param amount the amount captured
   * @param reference the provider's reference
   */
  record Captured(TenderKind kind, Money amount, String reference) implements Tender {
    /** Validates the amount and reference. */
    public Captured {
      Objects.requireNonNull(kind, "kind");
      requirePositive(amount);
      if (reference == null || reference.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a captured payment needs the provider's reference");
      }
    }
  }

  private static void requirePositive(Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a tender must be above zero, was " + amount);
    }
  }
}
