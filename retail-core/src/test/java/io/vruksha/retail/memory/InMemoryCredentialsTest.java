package io.vruksha.retail.memory;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.work.UnitOfWork;

class InMemoryCredentialsTest extends CredentialsContract {

  private final InMemoryStaff staff = new InMemoryStaff();

  @Override
  protected Credentials newCredentials() {
    return new InMemoryCredentials();
  }

  @Override
  protected Staff staff() {
    return staff;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryUnitOfWork();
  }
}
