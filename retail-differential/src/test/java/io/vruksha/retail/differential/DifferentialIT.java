package io.vruksha.retail.differential;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The in-memory engine (the reference), the engine on PostgreSQL and the HTTP API on PostgreSQL
 * given the same generated operations must give the same answers, and the same reads after them.
 * The number of sequences and the seed are set with {@code -Ddifferential.tries} and {@code
 * -Ddifferential.seed} (see the module's README); jqwik prints the seed of every run.
 */
@AddLifecycleHook(TriesAndSeed.class)
class DifferentialIT {

  /** Sequences per run in CI: the module takes about ... on a 2-core machine. */
  static final int TRIES = 6;

  /** The longest sequence. */
  static final int MAX_OPERATIONS = 60;

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
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
  }
}
