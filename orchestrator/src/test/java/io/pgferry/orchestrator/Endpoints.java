package io.pgferry.orchestrator;

import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;

import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;

/** Test databases as the CLI would see them: resolved from their libpq URL, nothing else in the environment. */
public final class Endpoints {
  private Endpoints() {}

  public static ConnectionSpec of(TestDatabase db, String role) {
    return ConnectionSpec.resolve(ConnectionInput.ofUrl(db.url()), role, Map.of(), Path.of("/nonexistent-home"));
  }

  /** A libpq URL as the CLI would resolve it (a database behind a test proxy, say). */
  public static ConnectionSpec of(String url, String role) {
    return ConnectionSpec.resolve(ConnectionInput.ofUrl(url), role, Map.of(), Path.of("/nonexistent-home"));
  }

  public static CloneOptions clone(TestDatabase source, TestDatabase target) {
    return CloneOptions.of(of(source, "SOURCE"), of(target, "TARGET"));
  }
}
