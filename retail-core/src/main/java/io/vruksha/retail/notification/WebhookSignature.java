package io.vruksha.retail.notification;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook request carries in its {@value #HEADER} header: {@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with the shared secret, so a receiver can tell the
 * request came from the store and was not replayed later (it checks the timestamp is recent).
 */
public final class WebhookSignature {

  /** The header that carries the signature. */
  public static final String HEADER = "X-Retail-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code at}. */
  public static String sign(String secret, Instant at, String body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} made within {@code tolerance} of
   * {@code now}; compared in constant time.
   */
  public static boolean verify(
      String secret, String header, String body, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    long t = -1;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("[0-9]{1,12}")) {
        t = Long.parseLong(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t < 0 || v1 == null) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
      return false;
    }
    return MessageDigest.isEqual(
        hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII),
        v1.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hmac(String secret, String message) {
    if (secret == null || secret.length() < 16) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a webhook secret needs at least 16 characters");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
