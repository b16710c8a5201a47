/**
 * Tills that sell offline and the centre they report to: what a till sends ({@link
 * io.vruksha.retail.sync.TillDocument}) and how the centre takes each document exactly once.
 */
package io.vruksha.retail.sync;
