/**
 * In-memory adapters for every port of the engine: the embedded default (a till with no database)
 * and the reference implementation every adapter's contract test suite is checked against.
 *
 * <p>Each adapter is thread-safe; see its javadoc for how.
 */
package io.vruksha.retail.memory;
