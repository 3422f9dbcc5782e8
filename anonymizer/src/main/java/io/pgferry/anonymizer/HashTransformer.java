package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code hash}: replaces a text value by HMAC-SHA256(salt, UTF-8 bytes of the value), encoded as lower-case
 * hex or unpadded standard base64 and cut to {@code length} characters. Keyed so that the output cannot be
 * reversed by hashing a dictionary without the salt; deterministic so that equal values (e.g. join keys in
 * two tables) stay equal.
 *
 * <p>The first 32 bytes are exactly the HMAC of the value (checkable with pgcrypto's {@code hmac}); when
 * {@code length} needs more, further blocks are HMAC(salt, previous block || value).
 *
 * <p>The output is cut further to the column's declared length for {@code varchar(n)}/{@code char(n)} (and
 * 63 for {@code name}), so the target never rejects it as too long.
 */
final class HashTransformer implements RowTransformer {
  static final int MAX_LENGTH = 128;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int BLOCK = 32;
  private static final Pattern TEXT_TYPE = Pattern.compile(
      "(text|name|(?:.*\\.)?\"?citext\"?|(character varying|varchar|character|char|bpchar)(?:\\((\\d+)\\))?)");
  private static final int NAME_MAX = 63;

  private final byte[] salt;
  private final boolean hex;
  private final int length;
  private final int blocks;
  // Mac is stateful and not thread-safe, and one transformer may serve several tables at once
  private final ThreadLocal<Mac> mac;

  private HashTransformer(byte[] salt, boolean hex, int length) {
    this.salt = salt.clone();
    this.hex = hex;
    this.length = length;
    int b = 1;
    while (encodedLength(b * BLOCK, hex) < length) {
      b++;
    }
    this.blocks = b;
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  static RowTransformer create(Options options, Column column, byte[] salt) {
    Matcher m = TEXT_TYPE.matcher(column.type().strip());
    if (!m.matches()) {
      throw options.error("hash works only on text-like columns (text, varchar, char, citext, name)");
    }
    if (salt == null || salt.length == 0) {
      throw options.error("hash needs a non-empty salt");
    }
    String encoding = options.choice("encoding", "hex", Set.of("hex", "base64"));
    boolean hex = encoding.equals("hex");
    int length = options.integer("length", hex ? 64 : 43, 1, MAX_LENGTH);
    if (m.group(3) != null) {
      length = Math.min(length, Integer.parseInt(m.group(3)));
    } else if (m.group(1).equals("name")) {
      length = Math.min(length, NAME_MAX);
    }
    return new HashTransformer(salt, hex, length);
  }

  int length() {
    return length;
  }

  @Override
  public String apply(String value, Row row) {
    if (value == null) {
      return null;
    }
    Mac h = mac.get();
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[blocks * BLOCK];
    byte[] block = h.doFinal(data);
    System.arraycopy(block, 0, out, 0, BLOCK);
    for (int i = 1; i < blocks; i++) {
      h.update(block);
      block = h.doFinal(data);
      System.arraycopy(block, 0, out, i * BLOCK, BLOCK);
    }
    String text = hex ? HexFormat.of().formatHex(out) : Base64.getEncoder().withoutPadding().encodeToString(out);
    return text.substring(0, length);
  }

  /** Characters of {@code bytes} bytes encoded: hex, or base64 without padding. */
  private static int encodedLength(int bytes, boolean hex) {
    return hex ? bytes * 2 : (bytes * 4 + 2) / 3;
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(new SecretKeySpec(salt, ALGORITHM));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
