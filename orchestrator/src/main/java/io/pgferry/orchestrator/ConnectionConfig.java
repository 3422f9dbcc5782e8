package io.pgferry.orchestrator;

/**
 * A connection as written in the pipeline: a URL or keyword string in {@code url}, and/or separate keys
 * that override its parts. Every field may be null. Stand-in for the orchestrator's ConnectionInput, which
 * resolves and checks it; the two are to be unified.
 */
record ConnectionConfig(String url, String host, Integer port, String database, String user, String password,
    String schema) {

  /** Masks the password and any password inside the URL, because pipelines end up in logs. */
  @Override
  public String toString() {
    return "ConnectionConfig[url=" + maskUrl(url) + ", host=" + host + ", port=" + port + ", database=" + database
        + ", user=" + user + ", password=" + (password == null ? "null" : "***") + ", schema=" + schema + "]";
  }

  static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    // postgresql://user:secret@host and keyword strings' password=secret (quoted or not)
    return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@")
        .replaceAll("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S+)", "$1***")
        .replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }
}
