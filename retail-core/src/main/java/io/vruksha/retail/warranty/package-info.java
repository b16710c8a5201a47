/**
 * Warranties on serialised items: which SKUs are serialised and for how long they are covered, the
 * warranty registered for each serial sold, lookups by serial or receipt, claims, and the check
 * that a returned serialised item was sold on that receipt (which voids its warranty).
 */
package io.vruksha.retail.warranty;
