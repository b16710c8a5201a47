package io.vruksha.retail.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationOutbox} adapter does when a customer is forgotten. */
public abstract class NotificationOutboxContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private static final StoreId DEMO = StoreId.of("demo");
  private static final StoreId NORTH = StoreId.of("north");

  private NotificationOutbox outbox;

  /** A new, empty adapter for each test (the stores demo and north exist where that matters). */
  protected abstract NotificationOutbox newOutbox();

  @BeforeEach
  void setUp() {
    outbox = newOutbox();
  }

  private static Notification to(StoreId store, String id, String recipient) {
    return new Notification(
        store,
        id,
        Notification.Kind.POINTS_EARNED,
        Notification.Channel.EMAIL,
        recipient,
        "You earned 12 points, Ada",
        "Dear Ada Lovelace, 12 points are yours.",
        Notification.Status.PENDING,
        0,
        T0,
        T0,
        Optional.empty(),
        "event-" + id);
  }

  /**
   * A delivery in flight when the customer is forgotten: the attempt's outcome, saved after the
   * erasure, brings back neither the dropped pending notification nor the scrubbed recipient.
   */
  @Test
  void anAttemptSavedAfterTheRecipientWasForgottenBringsNothingBack() {
    outbox.add(to(DEMO, "n-1", "ada@example.org"));
    Notification claimed = outbox.claimDue(T0, T0.plusSeconds(60), 10).get(0);
    Notification sent =
        to(DEMO, "n-2", "ada@example.org")
            .attempted(Notification.Status.SENT, T0, Optional.empty());
    outbox.add(sent);
    assertThat(outbox.forgetRecipient("ada@example.org")).isEqualTo(2);

    outbox.update(claimed.attempted(Notification.Status.SENT, T0.plusSeconds(1), Optional.empty()));
    outbox.update(
        sent.attempted(Notification.Status.SENT, T0.plusSeconds(2), Optional.of("late echo")));

    assertThat(outbox.find(DEMO, "n-1")).isEmpty();
    Notification kept = outbox.find(DEMO, "n-2").orElseThrow();
    assertThat(kept.recipient()).isEqualTo(Notification.ANONYMISED);
    assertThat(kept.body()).isEqualTo(Notification.ANONYMISED);
    assertThat(kept.attempts()).isEqualTo(2);
    assertThat(kept.lastError()).contains("late echo");
  }

  @Test
  void forgettingARecipientDropsWhatIsPendingAndScrubsWhatWasSentInEveryStore() {
    outbox.add(to(DEMO, "n-1", "ada@example.org"));
    outbox.add(to(NORTH, "n-2", "ada@example.org"));
    outbox.add(to(DEMO, "n-3", "bob@example.org"));
    Notification sent =
        to(DEMO, "n-4", "ada@example.org")
            .attempted(Notification.Status.SENT, T0, Optional.empty());
    outbox.add(sent);

    // two pending dropped, one sent scrubbed
    assertThat(outbox.forgetRecipient("ada@example.org")).isEqualTo(3);

    assertThat(outbox.find(DEMO, "n-1")).isEmpty();
    assertThat(outbox.find(NORTH, "n-2")).isEmpty();
    Notification kept = outbox.find(DEMO, "n-4").orElseThrow();
    assertThat(kept.recipient()).isEqualTo("anonymised");
    assertThat(kept.subject() + kept.body()).doesNotContain("Ada");
    assertThat(kept.status()).isEqualTo(Notification.Status.SENT);
    assertThat(kept.eventId()).isEqualTo("event-n-4");
    // another person's notification is untouched, and nothing is left to claim for Ada
    assertThat(outbox.find(DEMO, "n-3")).contains(to(DEMO, "n-3", "bob@example.org"));
    assertThat(outbox.claimDue(T0, T0.plusSeconds(30), 10))
        .extracting(Notification::recipient)
        .containsExactly("bob@example.org");
    assertThat(outbox.forgetRecipient("ada@example.org")).isZero();
    assertThat(outbox.forgetRecipient(" ")).isZero();
  }
}
