package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.BadJson;
import io.vruksha.retail.server.http.DocumentBody;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.sync.TillDocument;
import io.vruksha.retail.sync.TillPosition;
import io.vruksha.retail.sync.TillReceipt;
import io.vruksha.retail.sync.TillSync;
import java.util.List;

/**
 * Tills that sell offline sending their documents up: where the centre's copy of a till's journal
 * ends, and a batch of the till's documents taken exactly once ({@link TillSync}). For a till's
 * service token (minted with {@code retail auth token --service}, role SUPERVISOR or above) or a
 * supervisor, manager or admin of the store.
 */
public final class TillApi {

  private TillApi() {}

  /**
   * A batch of a till's documents, in its journal's order, in the engine's document JSON.
   *
   * @param documents 1 to 200 documents
   */
  public record Documents(List<TillDocument> documents) implements DocumentBody {}

  /**
   * Where the centre's copy of a till's journal ends.
   *
   * @param till the till
   * @param acceptedUpTo the last sequence the centre holds, 0 for a till it never heard of
   * @param lastHash that entry's hash, the genesis hash (64 zeros) before the first
   */
  public record Position(String till, long acceptedUpTo, String lastHash) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/tills/{tillId}/position")
            .errors(ErrorCode.VALIDATION)
            .doc(
                "tills",
                "Where the centre's copy of a till's journal ends: the next document the till"
                    + " sends is acceptedUpTo + 1, chained to lastHash")
            .role(Role.SUPERVISOR)
            .returns(Position.class)
            .to(
                call -> {
                  String till = call.path("tillId");
                  TillPosition at = s.engine().tillSync().position(call.store(), till);
                  return new Position(till, at.acceptedUpTo(), at.lastHash());
                }),
        route(POST, "/api/v1/stores/{storeId}/tills/{tillId}/documents")
            .errors(ErrorCode.VALIDATION, ErrorCode.TILL_SEQUENCE_GAP, ErrorCode.TILL_CHAIN_BROKEN)
            .error(422, ErrorCode.VALIDATION.code())
            .doc(
                "tills",
                "Takes a batch of 1 to 200 of a till's documents (sales, returns, Z reports) in"
                    + " its journal's order, each exactly once: those the centre holds are counted"
                    + " as duplicates, the first new one must be acceptedUpTo + 1")
            .role(Role.SUPERVISOR)
            .body(Documents.class)
            .returns(TillReceipt.class)
            .to(call -> accept(s, call)),
        route(GET, "/api/v1/stores/{storeId}/tills")
            .doc("tills", "The tills whose documents the centre holds, with where each ends")
            .role(Role.SUPERVISOR)
            .returns(Position[].class)
            .to(
                call ->
                    s.engine().tillSync().tills(call.store()).stream()
                        .map(
                            till -> {
                              TillPosition at = s.engine().tillSync().position(call.store(), till);
                              return new Position(till, at.acceptedUpTo(), at.lastHash());
                            })
                        .toList()));
  }

  private static TillReceipt accept(ServerContext s, ApiCall call) {
    Documents body = call.body(Documents.class);
    if (body.documents() == null) {
      throw BadJson.required("documents");
    }
    String till = call.path("tillId");
    for (int i = 0; i < body.documents().size(); i++) {
      TillDocument d = body.documents().get(i);
      if (d == null) {
        throw BadJson.required("documents[" + i + "]");
      }
      if (!d.till().equals(till) || !d.entry().store().equals(call.store())) {
        // the path names the till and store the batch is for: a batch of another is refused whole
        throw new ApiProblem(
            422,
            ErrorCode.VALIDATION.code(),
            "documents["
                + i
                + "] is of store "
                + d.entry().store()
                + " till "
                + d.till()
                + ", not of store "
                + call.store()
                + " till "
                + till
                + " as the path says",
            List.of("documents[" + i + "]"));
      }
    }
    return s.engine().tillSync().accept(call.store(), till, body.documents());
  }
}
