package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials contract on a SQLite file of its own, its staff in the same file. */
class SqliteCredentialsTest extends CredentialsContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Credentials newCredentials() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteCredentials(db);
  }

  @Override
  protected Staff staff() {
    return new SqliteStaff(db);
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return db.unitOfWork();
  }

  @Test
  void attemptsAtTheSameTimeAreEachCounted() throws Exception {
    Credentials c = newCredentials();
    staff().save(new StaffMember("eva", "Eva", StoreId.of("s1"), Role.CASHIER));
    c.save(
        new Credentials.Credential(
            "eva", Optional.empty(), Optional.of("$2a$04$x"), 0, Optional.empty()));
    Credentials.SecretCheck slow =
        new Credentials.SecretCheck() {
          @Override
          public boolean matches(String secret, String hash) {
            sleep(); // as long as bcrypt takes: the moment a read-then-write would lose a count
            return false;
          }

          @Override
          public void matchesNothing(String secret) {}
        };
    Credentials.Throttling lenient =
        new Credentials.Throttling(100, 1000, Duration.ofSeconds(1), Duration.ofSeconds(2));
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Credentials.Attempt>> attempts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return c.attempt(
                      new Credentials.LoginAttempt(
                          "eva", true, "0000", "10.0.0.9", Instant.now(), lenient),
                      slow,
                      staff());
                }));
      }
      start.countDown();
      for (Future<Credentials.Attempt> a : attempts) {
        assertThat(a.get().outcome()).isEqualTo(Credentials.Outcome.REFUSED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c.findSource("eva", "10.0.0.9").orElseThrow().failures()).isEqualTo(threads);
    assertThat(c.find("eva").orElseThrow().failedAttempts()).isEqualTo(threads);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
