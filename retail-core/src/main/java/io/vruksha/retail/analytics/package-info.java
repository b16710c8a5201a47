/**
 * Sales analytics: daily sales and product performance per store and business day, added up by the
 * analytics reaction from completed sales and returns.
 */
package io.vruksha.retail.analytics;
