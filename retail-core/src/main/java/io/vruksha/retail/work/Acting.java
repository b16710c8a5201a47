package io.vruksha.retail.work;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who the running thread acts for — a member of staff, an API client, an operator of the command
 * line — so that every audit entry written on it names them, without an argument on every use case.
 * {@link UnitOfWork#actingAs} and {@link UnitOfWork#actor} of every adapter read and set it here,
 * so one name holds across databases and adapters. Thread-confined: each thread has its own; work
 * handed to another thread does not carry it.
 */
public final class Acting {

  private static final ThreadLocal<String> ACTOR = new ThreadLocal<>();

  private Acting() {}

  /**
   * Runs {@code work} acting for {@code actor}; a nested call names its own actor until it returns.
   *
   * @throws IllegalArgumentException when {@code actor} is blank or over 200 characters
   */
  public static <T> T as(String actor, Supplier<T> work) {
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank() || actor.length() > 200) {
      throw new IllegalArgumentException(
          "an actor is named by 1 to 200 characters: '" + actor + "'");
    }
    String before = ACTOR.get();
    ACTOR.set(actor);
    try {
      return work.get();
    } finally {
      if (before == null) {
        ACTOR.remove();
      } else {
        ACTOR.set(before);
      }
    }
  }

  /** The actor of the innermost {@link #as} running on this thread; empty outside one. */
  public static Optional<String> actor() {
    return Optional.ofNullable(ACTOR.get());
  }

  /** The actor an audit entry names: {@link #actor()}, else {@link UnitOfWork#NO_ACTOR}. */
  public static String orEngine() {
    return actor().orElse(UnitOfWork.NO_ACTOR);
  }
}
