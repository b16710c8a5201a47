package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.work.UnitOfWork;

class PostgresCredentialsIT extends CredentialsContract {

  private PostgresDatabase db;

  @Override
  protected Credentials newCredentials() {
    db = TestDatabase.fresh();
    return new PostgresCredentials(db);
  }

  @Override
  protected Staff staff() {
    return new PostgresStaff(db);
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return db.unitOfWork();
  }
}
