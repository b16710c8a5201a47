/**
 * Gift cards: cards sold as a sale line (activated when the sale commits) or issued as the refund
 * of a return, reloaded, enquired, redeemed as a tender (in part, several in one sale, never below
 * zero), expired, cancelled by a manager, and imported from another system. Every change of a
 * balance is a ledger entry, so a card's balance and the store's outstanding liability can be
 * audited. Codes are random with a Luhn check digit; wrong codes lock their source out.
 */
package io.vruksha.retail.giftcard;
