package io.vruksha.retail.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private static Money eur(String a) {
    return Money.of(a, "EUR");
  }

  private static Payment ours(String id, String ref, PaymentState state, String refunded) {
    return PaymentsContract.payment(StoreId.of("demo"), id, "pc", NOON)
        .with(ProviderStatus.of(id, ref, PaymentState.CAPTURED), NOON)
        .withRefund(eur(refunded), state, NOON);
  }

  @Test
  void paymentsThatAgreeMatchAndEveryDisagreementIsNamed() {
    List<Payment> ours =
        List.of(
            ours("p-1", "r-1", PaymentState.CAPTURED, "0.00"),
            ours("p-2", "r-2", PaymentState.CAPTURED, "9.99"),
            ours("p-3", "r-3", PaymentState.CAPTURED, "0.00"),
            PaymentsContract.payment(StoreId.of("demo"), "p-4", "pc", NOON)
                .withState(PaymentState.DECLINED, NOON));
    List<Settlement.Line> theirs =
        List.of(
            new Settlement.Line("p-1", "r-1", eur("23.98"), PaymentState.CAPTURED, eur("0.00")),
            // they refunded 5.00, we booked 9.99
            new Settlement.Line("p-2", "r-2", eur("23.98"), PaymentState.CAPTURED, eur("5.00")),
            // p-3 is missing from their file; r-9 is theirs alone
            new Settlement.Line("", "r-9", eur("1.00"), PaymentState.CAPTURED, eur("0.00")));

    List<Settlement.Match> m = Settlement.match(ours, theirs);

    assertThat(m)
        .extracting(Settlement.Match::reference)
        .containsExactly("r-1", "r-2", "r-3", "p-4", "r-9");
    assertThat(m.get(0).problem()).isEmpty();
    assertThat(m.get(1).problem().orElseThrow())
        .isEqualTo("payment p-2: refunded 9.99 EUR here, 5.00 EUR at the provider");
    assertThat(m.get(2).problem().orElseThrow()).contains("does not have it");
    assertThat(m.get(3).problem()).as("a declined payment need not be settled").isEmpty();
    assertThat(m.get(4).problem().orElseThrow()).contains("matches no payment of ours");
    assertThat(m.get(4).ours()).isEqualTo(Optional.empty());
  }
}
