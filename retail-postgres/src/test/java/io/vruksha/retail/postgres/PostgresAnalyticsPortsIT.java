package io.vruksha.retail.postgres;

import io.vruksha.retail.analytics.AnalyticsPortsContract;

/** The analytics and handled-events ports on PostgreSQL. */
class PostgresAnalyticsPortsIT extends AnalyticsPortsContract {

  @Override
  protected Family newFamily() {
    PostgresDatabase db = TestDatabase.fresh();
    return new Family(
        db.unitOfWork(), new PostgresSalesAnalytics(db), new PostgresHandledEvents(db));
  }
}
