package io.vruksha.retail.cli;

/**
 * An import file that cannot be parsed at all (empty, a header that is not valid CSV): exit 3, a
 * failure; a file without a required column is a usage error (exit 2: map one with --map).
 */
final class ImportFileException extends RuntimeException {

  ImportFileException(String message) {
    super(message);
  }
}
