/**
 * An offline till: the engine on its own SQLite store, numbering its documents in its own series,
 * pushing them to the centre exactly once and pulling the centre's reference data.
 */
package io.vruksha.retail.till;
