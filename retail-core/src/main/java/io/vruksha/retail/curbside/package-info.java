/**
 * Curbside collection: slots per store with a capacity, bookings that take a place in a slot (and
 * can move to another), and the check-in when the customer arrives in the car park.
 */
package io.vruksha.retail.curbside;
