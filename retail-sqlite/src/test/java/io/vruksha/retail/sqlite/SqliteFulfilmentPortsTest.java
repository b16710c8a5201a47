package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.memory.InMemoryCurbsideSlots;
import io.vruksha.retail.memory.InMemoryWarrantyBook;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.warranty.Warranty;
import io.vruksha.retail.warranty.WarrantyBook;
import io.vruksha.retail.warranty.WarrantyClaim;
import io.vruksha.retail.warranty.WarrantyPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curbside slots and warranties on SQLite answer as the in-memory reference does (same order, same
 * refusals), hold a slot to its capacity, and find everything again after the file is reopened.
 */
class SqliteFulfilmentPortsTest {

  private static final StoreId S1 = StoreId.of("s1");
  // nanosecond digits, as a real clock gives them: every adapter keeps microseconds
  private static final Instant T0 = Instant.parse("2026-12-06T09:00:00.123456789Z");

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private SqliteDatabase open() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return db;
  }

  @Test
  void aSlotIsFilledToItsCapacityAndBookingsListAsInMemoryAndSurviveAReopen() {
    SqliteCurbsideSlots sqlite = new SqliteCurbsideSlots(open());
    InMemoryCurbsideSlots memory = new InMemoryCurbsideSlots();
    for (var port : List.of(sqlite, memory)) {
      port.saveSlot(new CollectionSlot(S1, "am", T0, T0.plusSeconds(1800), 2, 0));
      assertThat(port.takePlace(S1, "am")).isTrue();
      assertThat(port.takePlace(S1, "am")).isTrue();
      assertThat(port.takePlace(S1, "am")).isFalse();
      assertThatThrownBy(
              () -> port.saveSlot(new CollectionSlot(S1, "am", T0, T0.plusSeconds(1800), 1, 0)))
          .isInstanceOf(RuleViolationException.class)
          .hasMessage("slot am holds 2 bookings; its capacity cannot go below");
      // saved out of order: listed by booking instant, then id
      port.save(booking("b2", "o2", "Zoë Ødegård", T0.plusSeconds(60)));
      port.save(booking("b1", "o1", "Jürgen Groß", T0.plusSeconds(60)));
      port.save(booking("b0", "o3", "Ann", T0));
    }
    assertThat(sqlite.bookings(S1, "am")).isEqualTo(memory.bookings(S1, "am"));
    assertThat(sqlite.bookings(S1, "am"))
        .extracting(CurbsideBooking::id)
        .containsExactly("b0", "b1", "b2");
    assertThat(sqlite.forgetNames(List.of(new Orders.Key(S1, "o1"))))
        .isEqualTo(memory.forgetNames(List.of(new Orders.Key(S1, "o1"))))
        .isEqualTo(1);
    assertThat(sqlite.slots(S1, T0.minusSeconds(1), T0.plusSeconds(1)))
        .isEqualTo(memory.slots(S1, T0.minusSeconds(1), T0.plusSeconds(1)));

    db.close();
    SqliteCurbsideSlots reopened = new SqliteCurbsideSlots(open());
    assertThat(reopened.slot(S1, "am").orElseThrow().booked()).isEqualTo(2);
    assertThat(reopened.bookings(S1, "am")).isEqualTo(memory.bookings(S1, "am"));
    assertThat(reopened.booking(S1, "b1").orElseThrow().customerName())
        .isEqualTo(CurbsideBooking.FORGOTTEN_NAME);
  }

  @Test
  void warrantiesAndClaimsAnswerAsInMemoryRefuseASerialSoldTwiceAndSurviveAReopen() {
    SqliteWarrantyBook sqlite = new SqliteWarrantyBook(open());
    InMemoryWarrantyBook memory = new InMemoryWarrantyBook();
    for (WarrantyBook book : List.of(sqlite, memory)) {
      book.savePolicy(new WarrantyPolicy(Sku.of("KETTLE"), 24));
      book.save(warranty("SN-2", "sale-1", 1, T0));
      book.save(warranty("SN-1", "sale-1", 0, T0));
      book.save(warranty("SN-3", "sale-2", 0, T0.plusSeconds(5)));
      assertThatThrownBy(() -> book.save(warranty("SN-3", "sale-9", 0, T0.plusSeconds(9))))
          .isInstanceOf(RuleViolationException.class)
          .satisfies(
              e -> assertThat(((RuleViolationException) e).code()).isEqualTo(ErrorCode.DUPLICATE));
      book.addClaim(new WarrantyClaim(S1, "c2", "SN-1", T0.plusSeconds(20), "lid", "max"));
      book.addClaim(new WarrantyClaim(S1, "c1", "SN-1", T0.plusSeconds(20), "Stecker 🔌", "max"));
    }
    assertThat(sqlite.list(S1)).isEqualTo(memory.list(S1));
    assertThat(sqlite.byReceipt(S1, "R-sale-1"))
        .isEqualTo(memory.byReceipt(S1, "R-sale-1"))
        .extracting(Warranty::serial)
        .containsExactly("SN-1", "SN-2");
    assertThat(sqlite.claims(S1, "SN-1"))
        .isEqualTo(memory.claims(S1, "SN-1"))
        .extracting(WarrantyClaim::id)
        .containsExactly("c1", "c2");

    db.close();
    SqliteWarrantyBook reopened = new SqliteWarrantyBook(open());
    assertThat(reopened.policy(Sku.of("KETTLE"))).isEqualTo(memory.policy(Sku.of("KETTLE")));
    assertThat(reopened.list(S1)).isEqualTo(memory.list(S1));
    assertThat(reopened.claims(S1, "SN-1")).isEqualTo(memory.claims(S1, "SN-1"));
  }

  private static CurbsideBooking booking(String id, String order, String name, Instant at) {
    return new CurbsideBooking(
        S1,
        id,
        "am",
        Optional.of(order),
        name,
        "red van",
        CurbsideBooking.Status.BOOKED,
        at,
        Optional.empty(),
        "");
  }

  private static Warranty warranty(String serial, String sale, int line, Instant at) {
    return new Warranty(
        S1,
        serial,
        Sku.of("KETTLE"),
        sale,
        "R-" + sale,
        line,
        at,
        at.plusSeconds(86_400L * 730),
        Warranty.Status.ACTIVE);
  }
}
