package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Date transformers: date_shift and random_date on {@code date}, {@code timestamp} and {@code timestamptz}.
 * They rewrite the leading {@code YYYY-MM-DD} of the ISO text form and keep the rest (time of day, fraction,
 * UTC offset) as it was, which is cheap and never changes the value's format. Values not in ISO form
 * ({@code infinity}, BC dates, a non-ISO DateStyle) are kept unchanged.
 */
final class DateTransformers {
  private DateTransformers() {}

  /**
   * {@code date_shift}: moves the date by a seeded number of days in {@code [-days, +days]} (never 0);
   * {@code keep_weekday} shifts by whole weeks, {@code keep_month} stays within the same month.
   */
  static RowTransformer dateShift(Options o, Column column, Transformers.Build b) {
    requireDate(o, column, "date_shift");
    int days = o.integer("days", 30, 1, 36500);
    boolean weekday = o.bool("keep_weekday", false);
    boolean month = o.bool("keep_month", false);
    if (weekday && days < 7) {
      throw o.error("keep_weekday shifts by whole weeks, so 'days' must be at least 7");
    }
    if (b.unique()) {
      throw o.error("shifting dates by different amounts can make different values equal, and the column is under a"
          + " unique index");
    }
    Seeds seeds = b.seeds();
    return (value, row) -> {
      LocalDate d = date(value);
      if (d == null) {
        return value;
      }
      long seed = seeds.of(value.substring(0, 10));
      long shift;
      if (weekday) {
        int weeks = days / 7;
        shift = 7L * (1 + Seeds.pick(seed, weeks)) * (seed < 0 ? -1 : 1);
      } else {
        shift = (1 + Seeds.pick(seed, days)) * (seed < 0 ? -1L : 1L);
      }
      LocalDate moved = d.plusDays(shift);
      if (month && moved.getMonthValue() != d.getMonthValue()) {
        moved = d.minusDays(shift);
        if (moved.getMonthValue() != d.getMonthValue()) {
          // another day of the same month, never the same one
          int day = 1 + Seeds.pick(Seeds.next(seed), d.lengthOfMonth() - 1);
          moved = d.withDayOfMonth(day >= d.getDayOfMonth() ? day + 1 : day);
        }
      }
      return withDate(value, moved);
    };
  }

  /** {@code random_date}: a seeded date in {@code [from, to]} (ISO dates); the time part is kept. */
  static RowTransformer randomDate(Options o, Column column, Transformers.Build b) {
    requireDate(o, column, "random_date");
    LocalDate from = isoOption(o, "from");
    LocalDate to = isoOption(o, "to");
    if (to.isBefore(from)) {
      throw o.error("'to' (" + to + ") is before 'from' (" + from + ")");
    }
    if (b.unique()) {
      throw o.error("random dates repeat, and the column is under a unique index");
    }
    long span = ChronoUnit.DAYS.between(from, to) + 1;
    Seeds seeds = b.seeds();
    return (value, row) -> {
      if (value == null) {
        return null;
      }
      LocalDate picked = from.plusDays(Long.remainderUnsigned(seeds.of(value), span));
      return date(value) == null ? picked.toString() : withDate(value, picked);
    };
  }

  /** For generalize: the date truncated to the start of its day, month or year; times become midnight. */
  static String truncate(String value, String unit, boolean timestamp) {
    LocalDate d = date(value);
    if (d == null) {
      return value;
    }
    LocalDate t = switch (unit) {
      case "year" -> d.withDayOfYear(1);
      case "month" -> d.withDayOfMonth(1);
      default -> d;
    };
    if (!timestamp) {
      return t.toString();
    }
    // keep the UTC offset of a timestamptz, drop the time of day
    String rest = value.substring(10);
    int offset = Math.max(rest.lastIndexOf('+'), rest.lastIndexOf('-'));
    return t + " 00:00:00" + (offset > 0 ? rest.substring(offset) : "");
  }

  private static void requireDate(Options o, Column column, String name) {
    ColumnTypes.Kind k = ColumnTypes.of(column.type());
    if (k != ColumnTypes.Kind.DATE && k != ColumnTypes.Kind.TIMESTAMP && k != ColumnTypes.Kind.TEXT) {
      throw o.error(name + " works on date, timestamp and timestamptz columns, not " + column.type());
    }
  }

  private static LocalDate isoOption(Options o, String key) {
    String v = o.requiredString(key, "an ISO date such as 1950-01-01");
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw o.error("option '" + key + "' must be an ISO date such as 1950-01-01, got '" + v + "'");
    }
  }

  /** The date of an ISO value with a four-digit year, or null. */
  static LocalDate date(String value) {
    if (value == null || value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.endsWith(" BC")
        || (value.length() > 10 && value.charAt(10) != ' ' && value.charAt(10) != 'T')) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10), Integer.parseInt(value, 8, 10, 10));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static String withDate(String value, LocalDate d) {
    if (d.getYear() < 1 || d.getYear() > 9999) {
      return value;
    }
    return d + value.substring(Math.min(10, value.length()));
  }
}
