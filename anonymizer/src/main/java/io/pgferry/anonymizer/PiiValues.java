package io.pgferry.anonymizer;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises personal data in sampled values (text form): e-mail addresses, phone numbers (E.164 and
 * national formats), IBANs (mod-97 checked), payment card numbers (Luhn checked), IPv4/IPv6 addresses and,
 * in date columns, dates that are plausible birthdays. A column counts when most of its non-null sample
 * values are such values, or, for free text and json, when enough of them contain one.
 */
final class PiiValues {
  /** A value match: the kind, a confidence from 0 to 1, and why ("42 of 50 sampled values are …"). */
  record Hit(PiiKind kind, double confidence, String reason) {}

  /** Fewer non-null values than this say nothing either way. */
  static final int MIN_VALUES = 3;
  static final double MOSTLY = 0.8;
  static final double HALF = 0.5;
  static final double SOME = 0.3;
  static final int MIN_AGE = 14;
  static final int MAX_AGE = 110;

  private static final String EMAIL_CORE = "[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}";
  private static final Pattern EMAIL = Pattern.compile(EMAIL_CORE);
  private static final Pattern EMAIL_IN = Pattern.compile("(?<![A-Za-z0-9._%+'-])" + EMAIL_CORE);
  private static final Pattern PHONE_CHARS = Pattern.compile("[+0-9 ()./-]{7,24}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final Pattern E164_IN = Pattern.compile("(?<![0-9A-Za-z])\\+[1-9][0-9 ()./-]{7,20}[0-9]");
  /** A national number: a trunk 0 followed by 7 to 12 digits, or the North American (555) 123-4567 shape. */
  private static final Pattern NATIONAL = Pattern.compile("0[1-9][0-9]{6,11}");
  private static final Pattern NANP = Pattern.compile("\\(?[2-9][0-9]{2}\\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}");
  /** 01.02.2024, 1/2/24, 2024-01-15 and decimals like 0.12345678: phone-shaped but not phones. */
  private static final Pattern NOT_PHONE = Pattern.compile("[0-9]{1,4}([./-])[0-9]{1,2}\\1[0-9]{1,4}|[0-9]+[.,][0-9]+");
  private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
  private static final Pattern IBAN_IN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])");
  private static final Pattern CARD_CHARS = Pattern.compile("[0-9]{4}(?:[ -]?[0-9]{2,4}){2,4}");
  private static final Pattern CARD_IN = Pattern.compile("(?<![0-9])[0-9]{4}(?:[ -]?[0-9]{2,4}){2,4}(?![0-9])");
  private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

  private PiiValues() {}

  /**
   * @param type the column's type class; only TEXT, JSON, INET and DATE are examined
   * @param values the sampled non-null values
   * @param today the day ages are counted from
   */
  static Optional<Hit> match(TypeClass type, List<String> values, LocalDate today) {
    if (values.size() < MIN_VALUES) {
      return Optional.empty();
    }
    int n = values.size();
    if (type == TypeClass.DATE) {
      return birthDates(values, today);
    }
    Map<PiiKind, Integer> whole = new EnumMap<>(PiiKind.class);
    Map<PiiKind, Integer> inside = new EnumMap<>(PiiKind.class);
    for (String v : values) {
      PiiKind k = classify(v.strip());
      if (k != null) {
        whole.merge(k, 1, Integer::sum);
      } else if (type == TypeClass.TEXT || type == TypeClass.JSON) {
        for (PiiKind c : contained(v)) {
          inside.merge(c, 1, Integer::sum);
        }
      }
    }
    Hit best = null;
    for (Map.Entry<PiiKind, Integer> e : whole.entrySet()) {
      double share = (double) e.getValue() / n;
      double strength = strength(e.getKey());
      double confidence = share >= MOSTLY ? strength : share >= HALF ? strength * 0.75 : 0;
      if (confidence > 0 && (best == null || confidence > best.confidence())) {
        best = new Hit(e.getKey(), confidence, e.getValue() + " of " + n + " sampled values are " + plural(e.getKey()));
      }
    }
    for (Map.Entry<PiiKind, Integer> e : inside.entrySet()) {
      int count = e.getValue() + whole.getOrDefault(e.getKey(), 0);
      double share = (double) count / n;
      double confidence = share >= SOME ? (e.getKey() == PiiKind.PHONE ? 0.5 : 0.6) : 0;
      if (confidence > 0 && (best == null || confidence > best.confidence())) {
        best = new Hit(e.getKey(), confidence, count + " of " + n + " sampled values contain " + plural(e.getKey()));
      }
    }
    return Optional.ofNullable(best);
  }

  /** How sure a column of such values is personal data; checksummed formats are surer than phone shapes. */
  private static double strength(PiiKind kind) {
    return switch (kind) {
      case EMAIL, IBAN -> 0.95;
      case CARD -> 0.9;
      case IP_ADDRESS -> 0.85;
      default -> 0.75;
    };
  }

  private static String plural(PiiKind kind) {
    return switch (kind) {
      case EMAIL -> "e-mail addresses";
      case PHONE -> "phone numbers";
      case IBAN -> "valid IBANs";
      case CARD -> "Luhn-valid card numbers";
      case IP_ADDRESS -> "IP addresses";
      default -> kind.label() + " values";
    };
  }

  /** The kind a whole value is, or null. */
  static PiiKind classify(String v) {
    if (v.isEmpty() || v.length() > 320) {
      return null;
    }
    if (v.indexOf('@') > 0 && EMAIL.matcher(v).matches()) {
      return PiiKind.EMAIL;
    }
    if (isIban(v)) {
      return PiiKind.IBAN;
    }
    if (CARD_CHARS.matcher(v).matches() && isCard(v.replaceAll("[ -]", ""))) {
      return PiiKind.CARD;
    }
    if (isIp(v)) {
      return PiiKind.IP_ADDRESS;
    }
    if (isPhone(v)) {
      return PiiKind.PHONE;
    }
    return null;
  }

  /** Kinds found inside free text (or json) rather than as the whole value. */
  static Set<PiiKind> contained(String v) {
    Set<PiiKind> kinds = new HashSet<>();
    if (v.indexOf('@') >= 0 && EMAIL_IN.matcher(v).find()) {
      kinds.add(PiiKind.EMAIL);
    }
    Matcher iban = IBAN_IN.matcher(v);
    while (iban.find() && !kinds.contains(PiiKind.IBAN)) {
      if (isIban(iban.group())) {
        kinds.add(PiiKind.IBAN);
      }
    }
    Matcher card = CARD_IN.matcher(v);
    while (card.find() && !kinds.contains(PiiKind.CARD)) {
      String digits = card.group().replaceAll("[ -]", "");
      if (isCard(digits)) {
        kinds.add(PiiKind.CARD);
      }
    }
    Matcher phone = E164_IN.matcher(v);
    while (phone.find() && !kinds.contains(PiiKind.PHONE)) {
      if (isPhone(phone.group())) {
        kinds.add(PiiKind.PHONE);
      }
    }
    return kinds;
  }

  /** ISO 13616: letters and digits, moved four characters, letters as 10..35, the whole number mod 97 is 1. */
  static boolean isIban(String v) {
    String s = v.replace(" ", "").toUpperCase(Locale.ROOT);
    if (!IBAN.matcher(s).matches()) {
      return false;
    }
    String moved = s.substring(4) + s.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : moved.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  /** 13 to 19 digits with a valid Luhn check digit, not all the same digit. */
  static boolean isCard(String digits) {
    if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)
        || digits.chars().distinct().count() == 1) {
      return false;
    }
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  static boolean isIp(String v) {
    int slash = v.indexOf('/');
    String host = slash > 0 ? v.substring(0, slash) : v; // inet/cidr print a prefix length for networks
    if (IPV4.matcher(host).matches()) {
      return true;
    }
    if (!IPV6.matcher(host).matches() || host.indexOf("::") != host.lastIndexOf("::")) {
      return false;
    }
    String[] groups = host.split(":", -1);
    int filled = 0;
    for (String g : groups) {
      if (g.length() > 4 && !(g.contains(".") && IPV4.matcher(g).matches())) {
        return false;
      }
      if (!g.isEmpty()) {
        filled++;
      }
    }
    return groups.length <= 9 && filled >= 1 && (host.contains("::") || groups.length == 8);
  }

  static boolean isPhone(String v) {
    if (!PHONE_CHARS.matcher(v).matches() || NOT_PHONE.matcher(v).matches()) {
      return false;
    }
    String digits = v.replaceAll("[ ()./-]", "");
    if (digits.startsWith("+")) {
      return E164.matcher(digits).matches();
    }
    if (digits.startsWith("00")) {
      return E164.matcher("+" + digits.substring(2)).matches();
    }
    // a bare run of digits is as likely an account or order number as a phone number
    boolean formatted = !digits.equals(v);
    return formatted && (NATIONAL.matcher(digits).matches() || NANP.matcher(v).matches());
  }

  private static Optional<Hit> birthDates(List<String> values, LocalDate today) {
    int plausible = 0;
    Set<Integer> years = new HashSet<>();
    for (String v : values) {
      try {
        LocalDate d = LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        long age = ChronoUnit.YEARS.between(d, today);
        if (age >= MIN_AGE && age <= MAX_AGE) {
          plausible++;
          years.add(d.getYear());
        }
      } catch (DateTimeParseException e) {
        // BC dates, infinity: not a birthday
      }
    }
    int n = values.size();
    // people's birthdays spread over many years; a column of 2001-01-01 defaults does not
    if ((double) plausible / n >= 0.9 && years.size() >= Math.min(5, Math.max(2, n / 3))) {
      return Optional.of(new Hit(PiiKind.BIRTH_DATE, 0.45, plausible + " of " + n + " sampled dates are " + MIN_AGE + " to "
          + MAX_AGE + " years ago, like birthdays"));
    }
    return Optional.empty();
  }
}
