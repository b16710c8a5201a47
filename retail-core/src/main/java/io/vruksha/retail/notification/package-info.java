/**
 * Notifications: an outbox of messages rendered from templates when something a person should know
 * happens (an order is ready, points were earned, stock runs low, a purchase order went out), each
 * with a channel (e-mail, SMS, webhook), a recipient and a delivery status with retries. Delivery
 * goes through the {@link io.vruksha.retail.notification.NotificationDelivery} port; a webhook
 * adapter signs its requests with {@link io.vruksha.retail.notification.WebhookSignature}.
 */
package io.vruksha.retail.notification;
