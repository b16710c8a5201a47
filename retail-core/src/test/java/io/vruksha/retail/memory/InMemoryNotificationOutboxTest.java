package io.vruksha.retail.memory;

import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationOutboxContract;

class InMemoryNotificationOutboxTest extends NotificationOutboxContract {

  @Override
  protected NotificationOutbox newOutbox() {
    return new InMemoryNotificationOutbox();
  }
}
