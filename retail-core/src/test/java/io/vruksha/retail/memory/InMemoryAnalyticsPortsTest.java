package io.vruksha.retail.memory;

import io.vruksha.retail.analytics.AnalyticsPortsContract;

class InMemoryAnalyticsPortsTest extends AnalyticsPortsContract {

  @Override
  protected Family newFamily() {
    return new Family(
        new InMemoryUnitOfWork(), new InMemorySalesAnalytics(), new InMemoryHandledEvents());
  }
}
