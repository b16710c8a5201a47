package io.vruksha.retail.differential;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * {@code -Ddifferential.tries=N} runs N sequences instead of the fixed number CI runs; {@code
 * -Ddifferential.seed=S} replays the seed a run printed.
 */
public final class TriesAndSeed implements AroundPropertyHook {

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String tries = System.getProperty("differential.tries", "");
    if (!tries.isBlank()) {
      context.attributes().setTries(Integer.valueOf(tries.trim()));
    }
    String seed = System.getProperty("differential.seed", "");
    if (!seed.isBlank()) {
      context.attributes().setSeed(seed.trim());
    }
    return property.execute();
  }

  /** Outermost, so the attributes are set before the property starts generating. */
  @Override
  public int aroundPropertyProximity() {
    return -100;
  }
}
