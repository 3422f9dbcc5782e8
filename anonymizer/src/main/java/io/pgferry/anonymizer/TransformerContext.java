package io.pgferry.anonymizer;

/**
 * What a transformer is created with besides its options.
 *
 * @param salt the secret of keyed transformers (hash, and the seed of every deterministic one); may be empty
 * @param unique the column is under a unique index or key: the transformer must not map two values to one
 */
public record TransformerContext(byte[] salt, boolean unique) {
  public TransformerContext {
    salt = salt == null ? new byte[0] : salt.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }
}
