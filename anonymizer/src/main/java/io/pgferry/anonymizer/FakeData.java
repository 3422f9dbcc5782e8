package io.pgferry.anonymizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * Datafaker, made deterministic and fast. A Faker per thread draws from a {@link Random} that is re-seeded
 * before every value, so a value's output depends on its seed alone (measured: creating a Faker per row
 * would cost a YAML lookup set-up each time; re-seeding costs nothing). The cheapest kinds (names, cities,
 * companies, job titles, domains) are not generated per row at all: their word lists are sampled once per
 * locale and a value picks an entry by its seed, about 50 ns instead of 3–20 µs.
 */
final class FakeData {
  private static final Map<Locale, FakeData> BY_LOCALE = new ConcurrentHashMap<>();
  private static final int SAMPLES = 4096;

  private final Locale locale;
  private final ThreadLocal<Seeded> faker;
  private final Map<String, String[]> lists = new ConcurrentHashMap<>();

  /** A Faker and the Random it draws from. */
  record Seeded(Faker faker, Random random) {
    Faker at(long seed) {
      random.setSeed(seed);
      return faker;
    }
  }

  private FakeData(Locale locale) {
    this.locale = locale;
    this.faker = ThreadLocal.withInitial(() -> {
      Random r = new Random(0);
      return new Seeded(new Faker(locale, r), r);
    });
  }

  static FakeData of(Locale locale) {
    return BY_LOCALE.computeIfAbsent(locale, FakeData::new);
  }

  Locale locale() {
    return locale;
  }

  /** This thread's Faker, seeded. */
  Faker at(long seed) {
    return faker.get().at(seed);
  }

  /** A sampled word list, built once: the distinct outputs of {@code gen} for a fixed set of seeds. */
  String[] list(String name, Function<Faker, String> gen) {
    return lists.computeIfAbsent(name, k -> {
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < SAMPLES; i++) {
        String v = gen.apply(at(i * 0x9E3779B97F4A7C15L));
        if (v != null && !v.isBlank()) {
          seen.add(v);
        }
      }
      List<String> out = new ArrayList<>(seen);
      return out.toArray(String[]::new);
    });
  }

  /** An entry of a word list picked by a seed. */
  String pick(String name, Function<Faker, String> gen, long seed) {
    String[] l = list(name, gen);
    return l[Seeds.pick(seed, l.length)];
  }
}
