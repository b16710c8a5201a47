package io.vruksha.retail.memory;

import io.vruksha.retail.store.Credentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Credentials} in memory. Thread-safe; a save undoes on rollback. */
public final class InMemoryCredentials implements Credentials {

  private final Map<String, Credential> credentials = new ConcurrentHashMap<>();

  @Override
  public Optional<Credential> find(String staffId) {
    return Optional.ofNullable(credentials.get(staffId));
  }

  @Override
  public void save(Credential credential) {
    Credential old = credentials.put(credential.staffId(), credential);
    InMemoryUnitOfWork.onRollback(
        () -> {
          if (old == null) {
            credentials.remove(credential.staffId());
          } else {
            credentials.put(credential.staffId(), old);
          }
        });
  }
}
