package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.notification.NotificationTemplate;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import java.util.List;

/** Notifications: the outbox with delivery status, subscriptions and templates. */
public final class NotificationApi {

  private NotificationApi() {}

  /**
   * A subscription.
   *
   * @param kind ORDER_READY, POINTS_EARNED, LOW_STOCK or PURCHASE_ORDER_SENT
   * @param channel EMAIL, SMS or WEBHOOK
   * @param recipient an e-mail address, a phone number or a webhook URL
   */
  public record SubscriptionBody(String kind, String channel, String recipient) {}

  /**
   * A store's own words for a kind of notification.
   *
   * @param kind the kind
   * @param channel the channel
   * @param subject the subject, with {placeholders}
   * @param body the text, with {placeholders}
   */
  public record TemplateBody(String kind, String channel, String subject, String body) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    String store = "/api/v1/stores/{storeId}/notifications";
    return List.of(
        route(GET, store)
            .doc("notifications", "The store's notifications and their delivery, newest first")
            .role(Role.MANAGER)
            .returns(Notification[].class)
            .to(call -> s.engine().notifications().outbox().list(call.store(), 500)),
        route(GET, store + "/subscriptions")
            .doc("notifications", "Who gets which notifications")
            .role(Role.MANAGER)
            .returns(NotificationSubscription[].class)
            .to(call -> s.engine().notifications().outbox().subscriptions(call.store())),
        route(POST, store + "/subscriptions")
            .doc("notifications", "Subscribe an address, phone or webhook to a kind")
            .role(Role.MANAGER)
            .body(SubscriptionBody.class)
            .returns(NotificationSubscription.class)
            .created()
            .to(
                call -> {
                  SubscriptionBody b = call.body(SubscriptionBody.class);
                  return s.engine()
                      .notifications()
                      .subscribe(
                          new NotificationSubscription(
                              call.store(), kind(b.kind()), channel(b.channel()), b.recipient()));
                }),
        route(POST, store + "/templates")
            .doc("notifications", "Set the store's words for a kind of notification on a channel")
            .role(Role.MANAGER)
            .body(TemplateBody.class)
            .returns(NotificationTemplate.class)
            .to(
                call -> {
                  TemplateBody b = call.body(TemplateBody.class);
                  return s.engine()
                      .notifications()
                      .saveTemplate(
                          new NotificationTemplate(
                              call.store(),
                              kind(b.kind()),
                              channel(b.channel()),
                              b.subject(),
                              b.body()));
                }));
  }

  /** A body's required {@code kind}, one of {@link Notification.Kind}. */
  private static Notification.Kind kind(String value) {
    return OrderApi.enumOf(Notification.Kind.class, StoreApi.required(value, "kind"), "kind");
  }

  /** A body's required {@code channel}, one of {@link Notification.Channel}. */
  private static Notification.Channel channel(String value) {
    return OrderApi.enumOf(
        Notification.Channel.class, StoreApi.required(value, "channel"), "channel");
  }
}
