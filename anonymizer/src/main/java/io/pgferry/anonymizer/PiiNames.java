package io.pgferry.anonymizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises personal-data columns by name. Names are split into lower-case, accent-free tokens
 * ({@code eMailAddress}, {@code e_mail_address} and {@code "E-Mail Adresse"} all become e, mail, address…),
 * then matched against phrases in English, German, French, Spanish, Italian and Dutch. The longest phrase
 * wins, so {@code ip_address} is an IP address, not a street address. Tokens left over that mark a column
 * as being about the data rather than the data itself ({@code email_verified}, {@code phone_count},
 * {@code address_id}) rule the column out.
 */
final class PiiNames {
  /** A name match: the kind, a confidence from 0 to 1, and why. */
  record Hit(PiiKind kind, double confidence, String reason) {}

  private record Phrase(List<String> tokens, PiiKind kind, boolean weak) {
    String joined() {
      return String.join("", tokens);
    }
  }

  static final double EXACT = 0.8;
  static final double PART = 0.7;
  static final double COMPOUND = 0.6;
  static final double WEAK = 0.5;

  private static final List<Phrase> PHRASES = new ArrayList<>();

  private static void add(PiiKind kind, boolean weak, String... phrases) {
    for (String p : phrases) {
      PHRASES.add(new Phrase(List.of(p.split(" ")), kind, weak));
    }
  }

  static {
    add(PiiKind.EMAIL, false, "email", "e mail", "email address", "mail address", "courriel", "adresse mail", "adresse email",
        "correo", "correo electronico", "posta elettronica", "epost", "mailadres", "emailadres");
    add(PiiKind.EMAIL, true, "mail");
    add(PiiKind.PHONE, false, "phone", "phone number", "telephone", "telefon", "telefono", "telefoon", "telefonnummer",
        "telefoonnummer", "mobile", "mobile number", "mobil", "mobilnummer", "handy", "handynummer", "cellphone", "cell phone",
        "cellulare", "movil", "portable", "fax", "gsm", "numero telephone", "numero de telephone", "tel nr", "tel no");
    add(PiiKind.PHONE, true, "tel", "cell");
    add(PiiKind.FIRST_NAME, false, "first name", "firstname", "fname", "given name", "givenname", "forename", "vorname", "prenom",
        "nombre", "nome", "voornaam", "name first");
    add(PiiKind.LAST_NAME, false, "last name", "lastname", "lname", "surname", "family name", "familyname", "nachname",
        "familienname", "nom", "nom de famille", "apellido", "apellidos", "cognome", "achternaam", "name last");
    add(PiiKind.FULL_NAME, false, "full name", "fullname", "display name", "contact name", "customer name", "client name",
        "person name", "patient name", "employee name", "holder name", "account holder", "cardholder", "card holder",
        "nombre completo", "nom complet", "nome completo", "kontoinhaber", "volledige naam");
    add(PiiKind.BIRTH_DATE, false, "birth", "birthday", "birthdate", "date of birth", "dob", "born", "born on", "geburtsdatum",
        "geburtstag", "gebdat", "date naissance", "date de naissance", "naissance", "fecha nacimiento", "fecha de nacimiento",
        "nacimiento", "data nascita", "data di nascita", "geboortedatum");
    add(PiiKind.NATIONAL_ID, false, "ssn", "social security", "social security number", "nir", "insee", "steuer id", "steuerid",
        "steuernummer", "steueridentifikationsnummer", "tax id", "taxid", "tax number", "tin", "nif", "nie", "dni", "bsn",
        "codice fiscale", "passport", "passport number", "reisepass", "personalausweis", "national id", "id number",
        "id card number", "nino", "sozialversicherungsnummer", "svnr", "ahv", "numero securite sociale", "curp", "rfc");
    add(PiiKind.IBAN, false, "iban", "account number", "bank account", "kontonummer", "numero de compte", "numero cuenta",
        "rekeningnummer", "conto corrente");
    add(PiiKind.CARD, false, "card number", "cardnumber", "credit card", "creditcard", "cc number", "ccnum", "cc num", "pan",
        "kreditkarte", "kreditkartennummer", "kartennummer", "carte bancaire", "numero carte", "numero de carte", "tarjeta",
        "numero tarjeta", "carta di credito", "creditcardnummer");
    add(PiiKind.CARD, true, "card");
    add(PiiKind.ADDRESS, false, "address", "addr", "street", "street address", "address line", "adresse", "anschrift", "strasse",
        "hausnummer", "house number", "rue", "calle", "direccion", "domicilio", "indirizzo", "straat", "adres", "huisnummer",
        "wohnadresse", "postanschrift");
    add(PiiKind.CITY, false, "city", "town", "wohnort", "stadt", "ville", "ciudad", "localidad", "citta", "woonplaats", "plaats",
        "municipality", "commune", "gemeinde");
    add(PiiKind.CITY, true, "ort");
    add(PiiKind.POSTCODE, false, "zip", "zipcode", "zip code", "postcode", "postal code", "postalcode", "plz", "postleitzahl",
        "code postal", "codigo postal", "cod postal");
    add(PiiKind.POSTCODE, true, "cap");
    add(PiiKind.IP_ADDRESS, false, "ip", "ip address", "ipaddress", "ip addr", "ipaddr", "ipv4", "ipv6", "remote addr",
        "client ip", "remote ip", "last ip", "ip adresse", "adresse ip", "direccion ip", "indirizzo ip");
    // longest first: "ip address" before "address", "date of birth" before "birth"
    PHRASES.sort((a, b) -> Integer.compare(b.tokens().size(), a.tokens().size()) != 0
        ? Integer.compare(b.tokens().size(), a.tokens().size())
        : Integer.compare(b.joined().length(), a.joined().length()));
  }

  /** Leftover tokens that say the column is about the data, not the data (flags, counts, keys, times). */
  private static final Set<String> NOT_DATA = Set.of("id", "ids", "uuid", "fk", "ref", "count", "cnt", "total", "sum",
      "verified", "confirmed", "validated", "valid", "opt", "optin", "optout", "consent", "enabled", "disabled", "flag", "is", "has",
      "type", "kind", "status", "format", "template", "sent", "at", "domain", "length", "len", "max", "min", "avg", "visible",
      "required", "changed", "updated", "created", "deleted", "bounced", "bounce", "hash", "hashed", "attempts", "tries", "policy",
      "provider", "country", "region", "label", "level", "limit", "code_type", "mask", "masked", "last4", "brand", "expiry",
      "expires", "exp", "month", "year", "token", "key", "preference", "preferences", "prefs", "settings", "notification",
      "notifications", "subscribed", "unsubscribed");

  /** Words in a table name that say its rows are people, which turns a bare {@code name} into a person's name. */
  private static final Set<String> PERSON_TABLES = Set.of("customer", "customers", "client", "clients", "user", "users", "person",
      "persons", "people", "employee", "employees", "member", "members", "contact", "contacts", "patient", "patients", "student",
      "students", "author", "authors", "guest", "guests", "passenger", "passengers", "subscriber", "subscribers", "applicant",
      "applicants", "candidate", "candidates", "kunde", "kunden", "mitarbeiter", "benutzer", "personne", "personnes", "utilisateur",
      "utilisateurs", "cliente", "clientes", "usuario", "usuarios", "empleado", "empleados", "klant", "klanten", "gebruiker",
      "gebruikers", "dipendente", "utente", "utenti", "account_holder", "owner", "owners", "driver", "drivers", "tenant", "tenants");

  /** Short compounds are too likely to occur inside unrelated words ("city" in "capacity"). */
  private static final int MIN_COMPOUND = 5;

  private PiiNames() {}

  static Optional<Hit> match(String table, String column) {
    List<String> tokens = tokens(column);
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    for (Phrase p : PHRASES) {
      int at = indexOf(tokens, p.tokens());
      if (at >= 0) {
        List<String> rest = new ArrayList<>(tokens.subList(0, at));
        rest.addAll(tokens.subList(at + p.tokens().size(), tokens.size()));
        if (rest.stream().anyMatch(NOT_DATA::contains)) {
          return Optional.empty();
        }
        double confidence = p.weak() ? WEAK : rest.isEmpty() ? EXACT : PART;
        return Optional.of(new Hit(p.kind(), confidence, "name '" + column + "' suggests " + p.kind().label()));
      }
    }
    // German/Dutch compounds and run-together names: "kundentelefon", "emailaddress", "billingstreet"
    for (Phrase p : PHRASES) {
      String joined = p.joined();
      if (p.weak() || joined.length() < MIN_COMPOUND) {
        continue;
      }
      for (String t : tokens) {
        if (t.length() > joined.length() && t.contains(joined) && !NOT_DATA.contains(t.replace(joined, ""))) {
          if (tokens.stream().anyMatch(NOT_DATA::contains)) {
            return Optional.empty();
          }
          return Optional.of(new Hit(p.kind(), COMPOUND, "name '" + column + "' contains '" + joined + "' ("
              + p.kind().label() + ")"));
        }
      }
    }
    if (tokens.equals(List.of("name")) && tokens(table).stream().anyMatch(PERSON_TABLES::contains)) {
      return Optional.of(new Hit(PiiKind.FULL_NAME, WEAK + 0.1, "column 'name' of a table of people"));
    }
    return Optional.empty();
  }

  /** Lower-case, accent-free words of an identifier: camelCase, snake_case, kebab-case, spaces and digits split. */
  static List<String> tokens(String identifier) {
    String plain = Normalizer.normalize(identifier, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("ß", "ss");
    String spaced = plain.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
        .replaceAll("([A-Za-z])([0-9])", "$1 $2").replaceAll("([0-9])([A-Za-z])", "$1 $2");
    return Arrays.stream(spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(s -> !s.isEmpty())
        .filter(s -> !s.chars().allMatch(Character::isDigit)).toList();
  }

  private static int indexOf(List<String> tokens, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
      if (tokens.subList(i, i + phrase.size()).equals(phrase)) {
        return i;
      }
    }
    return -1;
  }

  /** Only for tests and docs: every phrase of a kind. */
  static Map<PiiKind, List<String>> phrases() {
    Map<PiiKind, List<String>> out = new java.util.EnumMap<>(PiiKind.class);
    for (Phrase p : PHRASES) {
      out.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(String.join(" ", p.tokens()));
    }
    return out;
  }
}
