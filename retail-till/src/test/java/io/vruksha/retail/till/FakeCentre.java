package io.vruksha.retail.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.sync.TillDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A centre inside the test that keeps to the sync contract's rules exactly, over real HTTP: a
 * till's position, documents with a sequence at or below it skipped as duplicates, the first new
 * one other than the next sequence refused with 409 (nothing applied), each new document checked
 * against the chain (its entry follows the last hash and its hash verifies) and against its entry
 * (kind, number, total, store, till) and applied on its own, a broken one refused with 422 after
 * the ones before it were applied. Faults on demand: down (503), a crash after applying some of a
 * batch, a stale position, a roll-back, a refusal at a sequence.
 */
final class FakeCentre implements AutoCloseable {

  private static final Pattern PATH =
      Pattern.compile("/api/v1/stores/([^/]+)/tills/([^/]+)/(position|documents)");

  private final HttpServer server;

  /** Every document applied, in the order applied: exactly once each, if all goes well. */
  final List<TillDocument> applied = new CopyOnWriteArrayList<>();

  /** The sizes of the batches received. */
  final List<Integer> batches = new CopyOnWriteArrayList<>();

  /** The bytes of each batch's request body. */
  final List<Integer> batchBytes = new CopyOnWriteArrayList<>();

  volatile boolean down;
  volatile int crashAfter = -1;
  volatile long stalePositionOnce = -1;
  volatile long refuseAt = -1;
  volatile Runnable afterNextPosition;

  /** Run once after the document with this sequence was applied, before the answer is written. */
  volatile long hookAt = -1;

  volatile Runnable hook;

  /** Answers in the server's success envelope {@code {"success": true, "data": ...}}. */
  volatile boolean enveloped;

  /** What every answer to a batch names as oversold, as the server writes it. */
  volatile List<Map<String, String>> oversold = List.of();

  FakeCentre() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized long acceptedUpTo() {
    return applied.size();
  }

  private synchronized String lastHash() {
    return applied.isEmpty() ? Journal.GENESIS : applied.get(applied.size() - 1).entry().hash();
  }

  /** Forgets the documents after {@code sequence}, as a restore from an older backup would. */
  synchronized void rollBackTo(long sequence) {
    while (applied.size() > sequence) {
      applied.remove(applied.size() - 1);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!"Bearer till-token".equals(x.getRequestHeaders().getFirst("Authorization"))) {
        answer(x, 401, error("auth.unauthenticated", "a bearer token is required"));
        return;
      }
      if (down) {
        answer(x, 503, error("system.unavailable", "the centre is down"));
        return;
      }
      Matcher m = PATH.matcher(x.getRequestURI().getPath());
      if (!m.matches()) {
        answer(x, 404, error("route.not_found", "no route"));
        return;
      }
      if (m.group(3).equals("position")) {
        position(x, m.group(2));
      } else {
        documents(x, m.group(1), m.group(2));
      }
    }
  }

  private void position(HttpExchange x, String till) throws IOException {
    long upTo;
    String hash;
    synchronized (this) {
      upTo = acceptedUpTo();
      hash = lastHash();
      if (stalePositionOnce >= 0) {
        upTo = stalePositionOnce;
        hash = upTo == 0 ? Journal.GENESIS : applied.get((int) upTo - 1).entry().hash();
        stalePositionOnce = -1;
      }
    }
    answer(x, 200, success(Map.of("till", till, "acceptedUpTo", upTo, "lastHash", hash)));
    Runnable after = afterNextPosition;
    if (after != null) {
      afterNextPosition = null;
      after.run();
    }
  }

  private synchronized void documents(HttpExchange x, String store, String till)
      throws IOException {
    byte[] raw = x.getRequestBody().readAllBytes();
    batchBytes.add(raw.length);
    JsonNode body = DocumentJson.MAPPER.readTree(raw);
    List<TillDocument> docs = new ArrayList<>();
    for (JsonNode d : body.get("documents")) {
      docs.add(DocumentJson.read(d.toString(), TillDocument.class));
    }
    batches.add(docs.size());
    for (TillDocument d : docs) {
      if (!d.till().equals(till) || !d.entry().store().value().equals(store)) {
        answer(x, 422, error("validation.invalid", "path and documents disagree"));
        return;
      }
    }
    int duplicates = 0;
    int received = 0;
    boolean first = true;
    for (TillDocument d : docs) {
      if (d.sequence() <= acceptedUpTo()) {
        duplicates++;
        continue;
      }
      if (first && d.sequence() != acceptedUpTo() + 1) {
        answer(
            x,
            409,
            error(
                "till.sequence_gap",
                "expected sequence " + (acceptedUpTo() + 1) + ", got " + d.sequence()));
        return;
      }
      first = false;
      String broken = check(d);
      if (broken != null) {
        answer(x, 422, error("till.chain_broken", broken));
        return;
      }
      if (crashAfter == 0) {
        crashAfter = -1;
        answer(x, 500, error("system.internal", "the centre crashed mid-batch"));
        return;
      }
      applied.add(d);
      received++;
      if (d.sequence() == hookAt && hook != null) {
        hookAt = -1;
        hook.run();
      }
      if (crashAfter > 0) {
        crashAfter--;
      }
    }
    answer(
        x,
        200,
        success(
            Map.of(
                "till", till,
                "acceptedUpTo", acceptedUpTo(),
                "received", received,
                "duplicates", duplicates,
                "oversold", oversold)));
  }

  /** Why a document cannot be applied, or null. */
  private String check(TillDocument d) {
    if (d.sequence() == refuseAt) {
      return "refused at " + refuseAt + " by the test";
    }
    FiscalDocument e = d.entry();
    if (d.sequence() != acceptedUpTo() + 1 || e.sequence() != d.sequence()) {
      return "entry " + e.sequence() + " is out of order";
    }
    if (!e.number().contains("-" + d.till() + "-")) {
      return "entry "
          + e.sequence()
          + " ("
          + e.number()
          + ") is not in till "
          + d.till()
          + "'s series";
    }
    if (!e.previousHash().equals(lastHash())) {
      return "entry " + e.sequence() + " does not follow the centre's last hash";
    }
    List<FiscalDocument> chain = new ArrayList<>();
    applied.forEach(a -> chain.add(a.entry()));
    chain.add(e);
    if (!FiscalJournal.verify(chain).isEmpty()) {
      return "entry " + e.sequence() + ": " + FiscalJournal.verify(chain);
    }
    boolean matches =
        switch (e.kind()) {
          case INVOICE ->
              d.sale().isPresent()
                  && d.sale().get().number().equals(e.number())
                  && d.sale().get().store().equals(e.store())
                  && d.sale().get().basket().total().equals(e.total());
          case CREDIT_NOTE ->
              d.returnReceipt().isPresent()
                  && d.returnReceipt().get().creditNoteNumber().equals(e.number());
          case Z_REPORT ->
              d.shift().isPresent()
                  && d.zReport().isPresent()
                  && d.zReport().get().number().equals(Optional.of(e.number()));
        };
    return matches ? null : "entry " + e.sequence() + " does not match its document";
  }

  private String success(Object data) {
    return DocumentJson.write(
        enveloped ? Map.of("success", true, "data", data, "timestamp", "now") : data);
  }

  private static String error(String code, String message) {
    return DocumentJson.write(
        Map.of("error", message, "code", code, "details", List.of(), "timestamp", "now"));
  }

  private static void answer(HttpExchange x, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
