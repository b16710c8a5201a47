package io.vruksha.retail.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Password and PIN hashing with bcrypt. Thread-safe. */
public final class Passwords {

  private final int cost;

  /** bcrypt at {@code cost} (10 in production: about 50-100 ms a hash). */
  public Passwords(int cost) {
    this.cost = cost;
  }

  /** The hash of {@code secret}. */
  public String hash(String secret) {
    return BCrypt.withDefaults().hashToString(cost, secret.toCharArray());
  }

  /** The longest secret bcrypt takes, in UTF-8 bytes. */
  public static final int MAX_BYTES = 72;

  /** Whether {@code secret} fits bcrypt's limit of {@link #MAX_BYTES} UTF-8 bytes. */
  public static boolean fits(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  /**
   * Whether {@code secret} matches {@code hash}. A secret longer than bcrypt takes matches nothing
   * (none can have been stored), after the same work as any other check.
   */
  public boolean matches(String secret, String hash) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    boolean fits = bytes.length <= MAX_BYTES;
    boolean verified =
        BCrypt.verifyer()
            .verify(
                fits ? bytes : "-".getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8))
            .verified;
    return fits && verified;
  }
}
