package io.vruksha.retail.differential;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The in-memory engine (the reference), the engine on PostgreSQL and the HTTP API on PostgreSQL
 * given the same generated operations must give the same answers, and the same reads after them.
 * The number of sequences is {@code jqwik.tries.default} in {@code junit-platform.properties} (the
 * fixed number CI runs), {@code -Djqwik.tries.default=N} runs more. jqwik prints the seed of every
 * run and replays a failed one first on the next run; to replay any seed, give it to the property
 * ({@code @Property(seed = "S")}) for the time it takes (see the module's README).
 */
class DifferentialIT {

  /** The longest sequence. */
  static final int MAX_OPERATIONS = 60;

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void theThreeEnginesAgree(@ForAll("sequences") ActionChain<World> chain) {
    chain.run().compareReads();
  }

  @Provide
  Arbitrary<ActionChain<World>> sequences() {
    return ActionChain.startWith(World::start)
        .withAction(new Operation())
        .withMaxTransformations(MAX_OPERATIONS);
  }

  /** One generated operation, run on the three engines. */
  static final class Operation implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Generators.ops().map(op -> Transformer.transform(op.toString(), w -> w.run(op)));
    }
  }

  @AfterContainer
  static void closeTheLastWorld() {
    World.closeCurrent();
    System.out.println(World.outcomes());
  }
}
