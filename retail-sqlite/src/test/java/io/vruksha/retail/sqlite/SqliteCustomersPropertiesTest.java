package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.memory.InMemoryCustomers;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.Acting;
import io.vruksha.retail.work.UnitOfWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The SQLite customers answer as the in-memory ones, audit trail included: the same creations,
 * updates, anonymisations and scrubs — by named actors or none, some in units of work that fail —
 * give the same answers and errors, the same records, groups in the same order, and an audit trail
 * with the same author and the same images before and after, entry by entry.
 */
class SqliteCustomersPropertiesTest {

  private static final List<String> IDS = List.of("c-1", "c-2", "c-3");
  private static final List<String> GROUPS = List.of("trade", "staff");
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456789Z");

  /** One call on both adapters: the customers and the unit of work they join. */
  private record Op(String name, Function<Side, Object> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  private record Side(Customers customers, UnitOfWork work) {}

  @Property(tries = 60)
  void theSameChangesGiveTheSameAnswersAndTrailAsInMemory(@ForAll("changes") List<Op> ops)
      throws IOException {
    Path dir = Files.createTempDirectory("customers");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      InMemoryCustomers memory = new InMemoryCustomers();
      Side inMemory = new Side(memory, new InMemoryUnitOfWork());
      Side sqlite = new Side(new SqliteCustomers(db), db.unitOfWork());
      for (Op op : ops) {
        assertThat(outcome(() -> op.call().apply(sqlite)))
            .as(op.name())
            .isEqualTo(outcome(() -> op.call().apply(inMemory)));
      }
      for (String id : IDS) {
        CustomerId c = CustomerId.of(id);
        assertThat(sqlite.customers().find(c)).isEqualTo(memory.find(c));
        assertThat(trail(db, c)).isEqualTo(memory.trail(c));
      }
      for (String g : GROUPS) {
        CustomerGroupId group = CustomerGroupId.of(g);
        assertThat(sqlite.customers().inGroup(group)).isEqualTo(memory.inGroup(group));
      }
    } finally {
      SqliteSalesAnalyticsPropertiesTest.delete(dir);
    }
  }

  /** The SQLite audit trail of a customer, read as the in-memory adapter keeps it. */
  private static List<InMemoryCustomers.Change> trail(SqliteDatabase db, CustomerId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT changed_by, before, after FROM audit_log"
                        + " WHERE entity = 'customer' AND entity_id = :id ORDER BY id")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new InMemoryCustomers.Change(
                            id, rs.getString(1), image(rs.getString(2)), image(rs.getString(3))))
                .list());
  }

  private static Optional<Customer> image(String json) {
    return Optional.ofNullable(json).map(j -> DocumentJson.read(j, Customer.class));
  }

  /** What a call gave: its value, or the type and message of what it threw. */
  private static Object outcome(Supplier<Object> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static Arbitrary<Customer> customers() {
    return Combinators.combine(
            Arbitraries.of(IDS),
            Arbitraries.of("Ada Lovelace", "Zoë Ørsted", "李小龙", "O'Brien 😀"),
            Arbitraries.of(
                    "ada@example.org", " ADA@Example.ORG", "zoë@exämple.org", "bob@example.org")
                .optional(),
            Arbitraries.of(GROUPS).optional(),
            Arbitraries.of("GB123456789", "DE 811 907 980").optional(),
            Arbitraries.of(true, false),
            Arbitraries.of(StoreId.of("north"), StoreId.of("south")).optional(),
            Arbitraries.of(false, false, true))
        .as(
            (id, name, email, group, taxId, consent, store, anonymised) -> {
              Customer c = Customer.of(id, name, T0);
              c = email.map(c::withEmail).orElse(c);
              c = group.map(g -> CustomerGroupId.of(g)).map(c::inGroup).orElse(c);
              c = taxId.map(c::withTaxId).orElse(c);
              c = c.consent(consent, T0.plusSeconds(60));
              c = store.map(c::registeredBy).orElse(c);
              return anonymised ? c.anonymise() : c;
            });
  }

  @Provide
  Arbitrary<List<Op>> changes() {
    Arbitrary<Op> create =
        customers().map(c -> new Op("create " + c, s -> s.customers().create(c)));
    Arbitrary<Op> update =
        customers().map(c -> new Op("update " + c, s -> s.customers().update(c)));
    Arbitrary<Op> failedUpdate =
        customers()
            .map(
                c ->
                    new Op(
                        "update in a failing unit " + c,
                        s ->
                            s.work()
                                .run(
                                    () -> {
                                      s.customers().update(c);
                                      s.customers().forgetCopies(c.id());
                                      throw new IllegalStateException("the card was declined");
                                    })));
    Arbitrary<Op> forget =
        Arbitraries.of(IDS)
            .map(id -> new Op("forget " + id, s -> s.customers().forgetCopies(CustomerId.of(id))));
    Arbitrary<Op> byEmail =
        Arbitraries.of("ADA@example.org ", "zoë@exämple.org", "nobody@example.org")
            .map(e -> new Op("find by " + e, s -> s.customers().findByEmail(e)));
    Arbitrary<Op> change =
        Arbitraries.frequencyOf(
            Tuple.of(3, create),
            Tuple.of(3, update),
            Tuple.of(1, failedUpdate),
            Tuple.of(2, forget),
            Tuple.of(1, byEmail));
    // some changes by a named actor, the rest by nobody (the engine)
    return Combinators.combine(change, Arbitraries.of("max", "Søren", "cli:ops").optional())
        .as(
            (op, actor) ->
                actor
                    .map(
                        a ->
                            new Op(
                                op.name() + " as " + a,
                                s -> Acting.as(a, () -> op.call().apply(s))))
                    .orElse(op))
        .list()
        .ofMaxSize(15);
  }
}
