package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;

class PostgresCredentialsIT extends CredentialsContract {

  @Override
  protected Credentials newCredentials() {
    return new PostgresCredentials(TestDatabase.fresh());
  }
}
