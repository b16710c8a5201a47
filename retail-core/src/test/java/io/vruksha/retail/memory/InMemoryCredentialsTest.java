package io.vruksha.retail.memory;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;

class InMemoryCredentialsTest extends CredentialsContract {

  @Override
  protected Credentials newCredentials() {
    return new InMemoryCredentials();
  }
}
