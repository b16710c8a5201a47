package io.vruksha.retail.memory;

import io.vruksha.retail.store.Credentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Credentials} in memory: the reference the database adapters are compared with.
 * Thread-safe; a save undoes on rollback.
 */
public final class InMemoryCredentials implements Credentials {

  private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
  private final Map<List<String>, Source> sources = new ConcurrentHashMap<>();

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

  @Override
  public Optional<Source> findSource(String staffId, String source) {
    return Optional.ofNullable(sources.get(List.of(staffId, source)));
  }

  @Override
  public void saveSource(Source source) {
    List<String> key = List.of(source.staffId(), source.source());
    Source old = sources.put(key, source);
    InMemoryUnitOfWork.onRollback(
        () -> {
          if (old == null) {
            sources.remove(key);
          } else {
            sources.put(key, old);
          }
        });
  }

  @Override
  public void clearSources(String staffId) {
    sources.entrySet().stream()
        .filter(e -> e.getKey().get(0).equals(staffId))
        .toList()
        .forEach(
            e -> {
              sources.remove(e.getKey());
              InMemoryUnitOfWork.onRollback(() -> sources.put(e.getKey(), e.getValue()));
            });
  }
}
