package io.vruksha.examples.offline;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.till.CentreClient;
import io.vruksha.retail.till.CentreRefusedException;
import io.vruksha.retail.till.CentreUnreachableException;
import io.vruksha.retail.till.ReferenceData;
import io.vruksha.retail.till.TillMain;
import io.vruksha.retail.till.TillPusher;
import io.vruksha.retail.till.TillSeed;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A till that keeps selling with no network. It opens the till's engine on a file, takes the
 * store's catalogue from the centre when one is given (else loads a small shop of its own), sells
 * three baskets, shows how many sales wait to reach head office, and when a centre is given pushes
 * them there, each exactly once, and shows what is left.
 *
 * <pre>
 * mvn -q exec:java -pl examples/offline-till                                  # no centre
 * mvn -q exec:java -pl examples/offline-till -Dexec.args="till.db http://localhost:8901 TOKEN"
 * </pre>
 */
public final class OfflineTill {

  private OfflineTill() {}

  /** The store the till belongs to: the demo server's store. */
  static final StoreId STORE = StoreId.of("demo");

  /** The till's id. */
  static final String TILL = "T01";

  /** Arguments: {@code [file] [centre-url token]}. */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "till.db");
    Optional<CentreClient> centre =
        args.length >= 3
            ? Optional.of(new CentreClient(URI.create(args[1]), args[2]))
            : Optional.empty();
    run(file, centre, System.out);
  }

  /** Opens the till, sells, shows what waits, pushes it to {@code centre} if given. */
  static void run(Path file, Optional<CentreClient> centre, PrintStream out) {
    RetailEngine engine = TillMain.openEngine(file, TILL);
    if (centre.isPresent()) {
      ReferenceData reference = new ReferenceData(engine, STORE, centre.get(), Optional.empty());
      try {
        ReferenceData.Pulled pulled = reference.pull();
        out.printf(
            "reference data %s... from head office: %d records written%n",
            pulled.version().substring(0, 12), pulled.written());
      } catch (CentreUnreachableException | CentreRefusedException e) {
        out.println("no reference data from head office (" + e.getMessage() + ")");
      }
    }
    if (TillSeed.seedIfEmpty(engine, STORE)) {
      out.println("no catalogue from head office: selling from the till's own small shop");
    }

    // the file keeps the till's open shift from one run to the next: carry on with it
    Shift shift =
        TillMain.shiftOf(engine, STORE, TILL, Money.of("100.00", "EUR"), Actor.cashier("anna"));
    for (Map<String, Integer> basket :
        List.of(Map.of("MUG", 1), Map.of("COFFEE", 2), Map.of("MUG", 3, "COFFEE", 1))) {
      Sale sale = sell(engine, shift, basket);
      out.printf("sold %s for %s%n", sale.number(), sale.basket().total());
    }

    if (centre.isEmpty()) {
      // nothing was ever acknowledged: every sale of the till's journal waits
      long sales =
          engine.journal().entries(STORE).stream()
              .filter(e -> e.kind() == DocumentKind.INVOICE)
              .count();
      out.println(waiting(sales));
      out.println("no head office given: they wait until the till can reach it");
      return;
    }
    TillPusher pusher = new TillPusher(engine, STORE, TILL, centre.get());
    out.println(waiting(pusher.pendingByKind().get(DocumentKind.INVOICE)));
    try {
      TillPusher.Pushed pushed = pusher.pushOnce();
      out.printf(
          "pushed %d documents; head office holds this till's journal up to entry %d%n",
          pushed.sent(), pushed.acceptedUpTo());
    } catch (CentreUnreachableException e) {
      out.println("head office unreachable, the sales keep waiting: " + e.getMessage());
    } catch (CentreRefusedException e) {
      out.println("head office refused the documents, someone must look: " + e.getMessage());
    }
    out.println(waiting(pusher.pendingByKind().get(DocumentKind.INVOICE)));
  }

  private static String waiting(long sales) {
    return sales + (sales == 1 ? " sale" : " sales") + " waiting to reach head office";
  }

  private static Sale sell(RetailEngine engine, Shift shift, Map<String, Integer> lines) {
    BasketRequest.Builder b = BasketRequest.builder(STORE);
    lines.forEach((sku, n) -> b.add(sku, n));
    BasketRequest basket = b.build();
    Actor anna = Actor.cashier("anna");
    Money total = engine.priceBasket(basket, anna).total();
    return engine.checkout(
        CheckoutRequest.of(UUID.randomUUID().toString(), basket, new Tender.Cash(total))
            .inShift(shift.id()),
        anna);
  }
}
