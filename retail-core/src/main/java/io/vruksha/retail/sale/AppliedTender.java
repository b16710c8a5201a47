package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;

/**
 * A tender as it was booked on a sale: its kind, the amount it paid toward the total (cash net of
 * change and after cash rounding) and a reference (card authorisation, points used).
 *
 * @param kind CASH, CARD, POINTS or STORE_CREDIT
 * @param amount what it paid toward the total
 * @param reference the card reference, or the points used
 */
public record AppliedTender(String kind, Money amount, String reference) {}
