package io.vruksha.retail.cli;

/**
 * Stored data a command cannot read: a row or record of the database (or a document in it) that
 * does not make a valid value. Exit 3, a failure, never 2: the command line was right, the data is
 * not. The message names the store and the row or record.
 */
final class StoredDataException extends RuntimeException {

  StoredDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
