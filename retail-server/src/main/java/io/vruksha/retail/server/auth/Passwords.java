package io.vruksha.retail.server.auth;

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

  /** Whether {@code secret} matches {@code hash}. */
  public boolean matches(String secret, String hash) {
    return BCrypt.verifyer()
        .verify(secret.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }
}
