/**
 * Period reports — daily sales, product performance and the tax summary over a range of business
 * days — computed once here, so the REST server and the command line show the same figures.
 */
package io.vruksha.retail.report;
