package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCardContract;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gift card contract as the application role (vruksha_app, under row-level security), as the
 * server and the CLI run: the grants of V20 and V21 cover every step, and another store's cards
 * cannot be seen or spent.
 */
class PostgresGiftCardsAsAppRoleIT extends GiftCardContract {

  private static PostgresDatabase app;

  /**
   * Each test and its set-up run as the server runs a request: scoped to the store (row-level
   * security's app.store_ids), as master-data writes need. Checkouts and gift card calls open their
   * own store scope on every thread, the 32 tills' included.
   */
  @RegisterExtension
  static final InvocationInterceptor SCOPED =
      new InvocationInterceptor() {
        @Override
        public void interceptBeforeEachMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context,
            ExtensionContext extension)
            throws Throwable {
          TestDatabase.fresh();
          scoped(invocation);
        }

        @Override
        public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context,
            ExtensionContext extension)
            throws Throwable {
          scoped(invocation);
        }
      };

  private static void scoped(InvocationInterceptor.Invocation<Void> invocation) throws Throwable {
    if (app == null) {
      app = TestDatabase.appPool();
    }
    Throwable[] failed = new Throwable[1];
    app.unitOfWork()
        .within(
            Set.of(STORE),
            () -> {
              try {
                invocation.proceed();
              } catch (Throwable t) {
                failed[0] = t;
              }
              return null;
            });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  @Override
  protected RetailEngine newEngine(Clock clock) {
    return PostgresAdapters.use(app, RetailEngine.builder().clock(clock)).build();
  }

  @AfterAll
  static void closePool() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private static int countIn(String table, String store) {
    return app.jdbi()
        .inTransaction(
            h -> {
              PostgresUnitOfWork.setStoreScope(h, Set.of(store));
              return h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one();
            });
  }

  @Test
  void anotherStoresWorkSeesNoneOfTheCardsAndCannotChangeTheLedger() {
    String cardId = twoCards().get(0).id();
    // two cards and their two ledger entries, visible to the store's scope only
    for (String table : List.of("gift_cards", "gift_card_entries")) {
      assertThat(countIn(table, "gc-other")).isZero();
      assertThat(countIn(table, STORE.value())).isEqualTo(2);
    }
    // even the store's own work cannot rewrite its ledger: V21 grants the role no UPDATE, and
    // should a grant come back (MigrationIT re-runs V5, which grants on every table of public),
    // the append-only trigger still refuses
    for (String sql :
        List.of(
            "UPDATE gift_card_entries SET amount = 0 WHERE card_id = :c",
            "DELETE FROM gift_card_entries WHERE card_id = :c")) {
      assertThatThrownBy(
              () ->
                  app.jdbi()
                      .useTransaction(
                          h -> {
                            PostgresUnitOfWork.setStoreScope(h, Set.of(STORE.value()));
                            h.createUpdate(sql).bind("c", cardId).execute();
                          }))
          .satisfiesAnyOf(
              e -> assertThat(e).hasMessageContaining("permission denied"),
              e -> assertThat(e).hasMessageContaining("never changed or removed"));
    }
    assertThat(countIn("gift_card_entries", STORE.value())).isEqualTo(2);
  }
}
