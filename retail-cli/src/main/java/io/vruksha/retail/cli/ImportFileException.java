package io.vruksha.retail.cli;

/** An import file that cannot be imported at all (no header, no required column): exit 2. */
final class ImportFileException extends RuntimeException {

  ImportFileException(String message) {
    super(message);
  }
}
