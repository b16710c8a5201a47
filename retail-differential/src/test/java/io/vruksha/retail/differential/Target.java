package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;

/**
 * One of the engines under comparison, driven by {@link Op}s. Every answer is JSON in the shape the
 * HTTP API gives it (the in-process engines render their records with the server's own mapper and
 * views), so the three compare field by field.
 */
interface Target extends AutoCloseable {

  /** Its name in a report: memory, postgres or http. */
  String name();

  /**
   * Applies {@code op} (its {@code step}-th, which keys its idempotency) and answers what it
   * returned, or {@code {"error": code}} when it was refused, or {@code {"skipped": why}} when the
   * operation had nothing to act on (a return with no sale yet). Reactions to it have run when this
   * returns.
   */
  JsonNode apply(Op op, int step);

  /** Every read compared, by name, over the business days {@code from} to {@code to}. */
  Map<String, JsonNode> reads(LocalDate from, LocalDate to);

  @Override
  void close();
}
