/**
 * Orders for later fulfilment: placed at a kiosk, a web shop or on the phone, priced by the engine,
 * paid now or at collection, their stock reserved (with an expiry), picked (with substitutions and
 * shortages), made ready, and collected as a normal sale at the prices they were placed at, or
 * cancelled with the reservation released and a prepayment refunded.
 */
package io.vruksha.retail.order;
