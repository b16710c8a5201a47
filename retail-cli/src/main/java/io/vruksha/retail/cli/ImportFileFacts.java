package io.vruksha.retail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The file's line count (for the progress bar) and a short hash (for stock references). */
record ImportFileFacts(long lines, String ref) {
  static ImportFileFacts of(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return new ImportFileFacts(lines, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
  }
}
