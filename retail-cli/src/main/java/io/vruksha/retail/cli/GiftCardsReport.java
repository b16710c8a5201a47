package io.vruksha.retail.cli;

import java.time.LocalDate;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code retail report gift-cards}. */
@Command(
    name = "gift-cards",
    mixinStandardHelpOptions = true,
    description = {
      "What the store owes on its gift cards, per business day (the gift card ledger):"
          + " opening = what the cards held as the day began; issued = sold, refunded onto new"
          + " cards and imported; reloaded; redeemed = spent at sales; expired = left on cards"
          + " the expiry run closed (breakage); cancelled = written off by a manager; closing ="
          + " opening + issued + reloaded - redeemed - expired - cancelled, the next day's"
          + " opening. The same figures as GET /reports/gift-cards.",
      "Example: retail report gift-cards --store demo --from 2026-12-01 --to 2026-12-31"
    })
final class GiftCardsReport extends ReportCommand.Report {
  GiftCardsReport(Map<String, String> env) {
    super(env);
  }

  @Override
  Listing build(StoreSession s, LocalDate from, LocalDate to) {
    var report = s.engine(() -> s.engine.giftCards().liability(s.id(), from, to));
    Listing l =
        new Listing(
            "day",
            "opening",
            "issued",
            "reloaded",
            "redeemed",
            "expired",
            "cancelled",
            "closing",
            "currency");
    for (var d : report.days()) {
      l.add(
          d.day().toString(),
          StoreSession.amount(d.opening()),
          StoreSession.amount(d.issued()),
          StoreSession.amount(d.reloaded()),
          StoreSession.amount(d.redeemed()),
          StoreSession.amount(d.expired()),
          StoreSession.amount(d.cancelled()),
          StoreSession.amount(d.closing()),
          s.currency().getCurrencyCode());
    }
    return l;
  }
}
