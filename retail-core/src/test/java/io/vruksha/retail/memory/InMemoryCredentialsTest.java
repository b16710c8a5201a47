package io.vruksha.retail.memory;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;

class InMemoryCredentialsTest extends CredentialsContract {

  private final InMemoryStaff staff = new InMemoryStaff();

  @Override
  protected Credentials newCredentials() {
    return new InMemoryCredentials();
  }

  @Override
  protected io.vruksha.retail.store.Staff staff() {
    return staff;
  }
}
