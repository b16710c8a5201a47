/**
 * Time as the engine stores it: every instant is kept to the microsecond, the precision
 * PostgreSQL's {@code timestamptz} holds, so a value read back from any adapter equals the value
 * the engine made and a fiscal document's hash verifies after the round trip.
 */
package io.vruksha.retail.time;
