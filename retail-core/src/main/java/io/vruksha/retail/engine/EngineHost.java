package io.vruksha.retail.engine;

import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Objects;

/**
 * What a process that hosts an engine wires around it, beside the use cases of {@link
 * RetailEngine}: the outbox a relay or the in-process reactions drain, and the unit of work they
 * and a server's per-request store scope run in. Till code and back-office use cases do not need
 * it; {@link RetailEngine#inStore} groups calls into one unit of work.
 *
 * <p>The ports are the ones the engine was built with, so a relay claims and marks events in the
 * same transactions the engine writes them in.
 */
public final class EngineHost {

  private EngineHost() {}

  /** The outbox of events waiting to be published. */
  public static Outbox outbox(RetailEngine engine) {
    return Objects.requireNonNull(engine, "engine").outbox();
  }

  /** The unit of work the engine runs its writes in. */
  public static UnitOfWork unitOfWork(RetailEngine engine) {
    return Objects.requireNonNull(engine, "engine").unitOfWork();
  }
}
