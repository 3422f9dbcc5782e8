package io.pgferry.anonymizer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * {@code fake}: a realistic value of a {@code kind} (names, e-mail, phone, address, finance, network,
 * lorem), from Datafaker in the rule's {@code locale}. Deterministic: seeded by the value (see
 * {@link Seeds}). NULL stays NULL.
 *
 * <p>On a column under a unique index, text kinds get a 13-character tag made of 64 keyed bits of the
 * value (inside the local part of an e-mail), so two different values collide only if 64-bit keyed hashes
 * do: about one chance in 10^9 at 200,000 distinct values. Kinds that cannot be made unique that way are
 * refused on such columns.
 */
final class FakeTransformer implements RowTransformer {
  enum Kind {
    FIRST_NAME(2, true), LAST_NAME(2, true), FULL_NAME(5, true), EMAIL(20, true), USERNAME(6, true),
    PHONE(16, false), STREET_ADDRESS(12, true), CITY(3, true), POSTCODE(5, false), COUNTRY(4, true),
    COMPANY(4, true), JOB_TITLE(5, true), IBAN(34, false), CREDIT_CARD(19, false), IPV4(15, false),
    IPV6(39, false), MAC(17, false), URL(24, true), UUID(36, false), WORDS(10, true), SENTENCE(20, true),
    PARAGRAPH(40, true);

    /** Shortest varchar(n) the kind is allowed into; below that most values would not fit. */
    final int minLength;
    /** Can be made unique by a tag. */
    final boolean taggable;

    Kind(int minLength, boolean taggable) {
      this.minLength = minLength;
      this.taggable = taggable;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final int REROLLS = 16;

  private final Kind kind;
  private final FakeData data;
  private final Seeds seeds;
  private final boolean unique;
  private final int maxLength;
  private final boolean national;
  private final String domain;
  private final int count;
  private final int countryCode;
  private final String ibanCountry;
  private final String phonePattern;

  private FakeTransformer(Kind kind, FakeData data, Seeds seeds, boolean unique, int maxLength, boolean national,
      String domain, int count) {
    this.kind = kind;
    this.data = data;
    this.seeds = seeds;
    this.unique = unique;
    this.maxLength = maxLength;
    this.national = national;
    this.domain = domain;
    this.count = count;
    String country = data.locale().getCountry();
    String region = country.isEmpty() ? "US" : country;
    // looked up once: libphonenumber's metadata lookups cost far more than generating a number
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int cc = util.getCountryCodeForRegion(region);
    Phonenumber.PhoneNumber example = util.getExampleNumber(region);
    this.countryCode = cc == 0 ? 1 : cc;
    this.ibanCountry = country.isEmpty() ? null : country;
    this.phonePattern = example == null ? "2015550123" : Long.toString(example.getNationalNumber());
  }

  static RowTransformer create(Options options, Column column, Transformers.Build b) {
    String kindName = options.requiredString("kind", "one of " + kinds());
    Kind kind = Arrays.stream(Kind.values()).filter(k -> k.key().equals(kindName.strip().toLowerCase(Locale.ROOT)))
        .findFirst().orElseThrow(() -> options.error("unknown kind '" + kindName + "'; known: " + kinds()));
    Locale locale = Locale.forLanguageTag(options.string("locale", "en").replace('_', '-'));
    boolean national = options.choice("format", "e164", Set.of("e164", "national")).equals("national");
    String domain = options.string("domain", null);
    int count = options.integer("count", 3, 1, 100);
    ColumnTypes.Kind type = ColumnTypes.of(column.type());
    boolean fits = switch (kind) {
      case UUID -> type == ColumnTypes.Kind.TEXT || type == ColumnTypes.Kind.UUID;
      case IPV4, IPV6 -> type == ColumnTypes.Kind.TEXT || type == ColumnTypes.Kind.INET;
      case MAC -> type == ColumnTypes.Kind.TEXT || type == ColumnTypes.Kind.MACADDR;
      default -> type == ColumnTypes.Kind.TEXT || type == ColumnTypes.Kind.OTHER; // OTHER: domains, enums; the pre-run check casts samples
    };
    if (!fits) {
      throw options.error("a fake " + kind.key() + " is text and cannot be stored in a column of type " + column.type());
    }
    int max = ColumnTypes.maxLength(column.type());
    int needed = kind.minLength + (b.unique() && kind.taggable ? 14 : 0);
    if (max < needed) {
      throw options.error("a fake " + kind.key() + (b.unique() ? " made unique" : "") + " needs about " + needed
          + " characters, but the column holds at most " + max);
    }
    if (b.unique() && !kind.taggable && kind != Kind.UUID && kind != Kind.IBAN && kind != Kind.CREDIT_CARD
        && kind != Kind.IPV6) {
      throw options.error("fake " + kind.key() + " cannot promise distinct values, and the column is under a unique"
          + " index; use permute (digits) or hash instead");
    }
    return new FakeTransformer(kind, FakeData.of(locale), b.seeds(), b.unique(), max, national, domain, count);
  }

  static String kinds() {
    return String.join(", ", Arrays.stream(Kind.values()).map(Kind::key).toList());
  }

  @Override
  public String apply(String value, Row row) {
    if (value == null) {
      return null;
    }
    long seed = seeds.of(value);
    for (int round = 0; ; round++) {
      String out = generate(seed, value);
      if (out.length() <= maxLength) {
        return out;
      }
      if (round >= REROLLS) {
        if (unique) {
          throw new IllegalStateException("no fake " + kind.key() + " of at most " + maxLength + " characters found");
        }
        return out.substring(0, maxLength);
      }
      seed = seeds.of(value, round + 1);
    }
  }

  private String generate(long seed, String value) {
    String tag = unique && kind.taggable ? Seeds.tag(Seeds.next(seed ^ 0x5bd1e995L)) : null;
    String out = switch (kind) {
      case FIRST_NAME -> firstName(seed);
      case LAST_NAME -> lastName(seed);
      case FULL_NAME -> firstName(seed) + " " + lastName(Seeds.next(seed));
      case EMAIL -> {
        String local = ascii(firstName(seed)) + "." + ascii(lastName(Seeds.next(seed)));
        yield local + (tag == null ? "" : "." + tag) + "@" + (domain != null ? domain
            : data.pick("domain", f -> f.internet().domainName(), Seeds.next(Seeds.next(seed))));
      }
      case USERNAME -> ascii(firstName(seed)).charAt(0) + ascii(lastName(Seeds.next(seed)))
          + (tag == null ? Long.toString(Long.remainderUnsigned(seed, 100)) : tag);
      case PHONE -> phone(seed);
      case STREET_ADDRESS -> data.at(seed).address().streetAddress();
      case CITY -> data.pick("city", f -> f.address().city(), seed);
      case POSTCODE -> data.at(seed).address().zipCode();
      case COUNTRY -> data.pick("country", f -> f.address().country(), seed);
      case COMPANY -> data.pick("company", f -> f.company().name(), seed);
      case JOB_TITLE -> data.pick("job", f -> f.job().title(), seed);
      case IBAN -> ibanCountry == null ? data.at(seed).finance().iban() : data.at(seed).finance().iban(ibanCountry);
      case CREDIT_CARD -> creditCard(seed);
      case IPV4 -> ((seed >>> 24) & 0xff) % 223 + 1 + "." + ((seed >>> 16) & 0xff) + "." + ((seed >>> 8) & 0xff) + "." + (seed & 0xff);
      case IPV6 -> ipv6(seed);
      case MAC -> mac(seed);
      case URL -> "https://" + data.pick("domain", f -> f.internet().domainName(), seed) + "/"
          + String.join("-", data.at(Seeds.next(seed)).lorem().words(2));
      case UUID -> uuid(seed, value);
      case WORDS -> String.join(" ", data.at(seed).lorem().words(count));
      case SENTENCE -> data.at(seed).lorem().sentence();
      case PARAGRAPH -> data.at(seed).lorem().paragraph();
    };
    if (tag != null && kind != Kind.EMAIL && kind != Kind.USERNAME) {
      out = out + " " + tag;
    }
    return out;
  }

  private String firstName(long seed) {
    return data.pick("first", f -> f.name().firstName(), seed);
  }

  private String lastName(long seed) {
    return data.pick("last", f -> f.name().lastName(), seed);
  }

  /** Lower-case ASCII letters and digits only, for the local part of an address. */
  static String ascii(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      }
    }
    return sb.isEmpty() ? "x" : sb.toString();
  }

  private String phone(long seed) {
    String pattern = phonePattern;
    // keep the example's first digit (a valid area/trunk start), randomize the rest
    StringBuilder digits = new StringBuilder(pattern.length());
    digits.append(pattern.charAt(0));
    long s = seed;
    for (int i = 1; i < pattern.length(); i++) {
      s = Seeds.next(s);
      digits.append((char) ('0' + Seeds.pick(s, 10)));
    }
    if (!national) {
      return "+" + countryCode + digits;
    }
    Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(countryCode)
        .setNationalNumber(Long.parseLong(digits.toString()));
    return PhoneNumberUtil.getInstance().format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
  }

  /** A 16-digit number with a Visa-like prefix and a valid Luhn check digit. */
  static String creditCard(long seed) {
    int[] d = new int[16];
    d[0] = 4;
    long s = seed;
    for (int i = 1; i < 15; i++) {
      s = Seeds.next(s);
      d[i] = Seeds.pick(s, 10);
    }
    int sum = 0;
    for (int i = 14; i >= 0; i--) {
      int v = d[i];
      if ((14 - i) % 2 == 0) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (10 - sum % 10) % 10;
    StringBuilder sb = new StringBuilder(16);
    for (int v : d) {
      sb.append((char) ('0' + v));
    }
    return sb.toString();
  }

  private static String ipv6(long seed) {
    long b = Seeds.next(seed);
    // 2001:db8::/32 is the documentation prefix: realistic-looking, never routed
    return String.format(Locale.ROOT, "2001:db8:%x:%x:%x:%x:%x:%x", (seed >>> 48) & 0xffff, (seed >>> 32) & 0xffff,
        (seed >>> 16) & 0xffff, seed & 0xffff, (b >>> 16) & 0xffff, b & 0xffff);
  }

  private static String mac(long seed) {
    // locally administered, unicast: first octet xxxxxx10
    return String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", (((seed >>> 40) & 0xfc) | 0x02), (seed >>> 32) & 0xff,
        (seed >>> 24) & 0xff, (seed >>> 16) & 0xff, (seed >>> 8) & 0xff, seed & 0xff);
  }

  private String uuid(long seed, String value) {
    long hi = seed;
    long lo = seeds.of(value, 1 << 20);
    hi = (hi & ~0xF000L) | 0x4000L;
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** For tests: the word list behind a picked kind. */
  static String[] list(Locale locale, String name, Function<Faker, String> gen) {
    return FakeData.of(locale).list(name, gen);
  }
}
