package org.feedbackrouter.testkit;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.IBANCheckDigit;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Generators of personal data that is valid, not merely shaped right: card numbers that pass the
 * Luhn check, IBANs with correct check digits, phone numbers that libphonenumber accepts for their
 * region, DNI/NIE with the right control letter, and e-mail addresses; each written the ways
 * customers write them (compact, grouped, with a country prefix). The redactor must mask every one.
 */
public final class PersonalData {
  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private PersonalData() {}

  /** One piece of personal data, as written in a text. */
  public record Item(String kind, String written) {
    /** The forms that must not appear anywhere: as written, and its letters and digits alone. */
    public List<String> forms() {
      List<String> out = new ArrayList<>(List.of(written.toLowerCase(Locale.ROOT)));
      String compact = written.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
      if (!kind.equals("email") && !compact.equals(out.get(0))) {
        out.add(compact);
      }
      return out;
    }
  }

  /** A text and the personal data written into it. */
  public record Text(String text, List<Item> items) {}

  private static final List<String> WORDS = List.of("hola", "la", "factura", "me", "cobra", "dos", "veces",
      "la", "app", "no", "funciona", "mi", "tarjeta", "cuenta", "llamadme", "al", "correo", "escribidme", "a",
      "devolved", "el", "cargo", "en", "pedido", "envío", "gracias", "the", "refund", "please", "call", "me",
      "queja", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "e\u0301xito", "\ud83d\ude21",
      "\u202edni\u202c", "NIF:", "IBAN:", "tel.", "móvil", "email:");
  private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", ". ", "\n", " (", ") ", ": ", "; ", "\t");

  /** Benign words with 1 to 6 pieces of personal data at random places between them. */
  public static Arbitrary<Text> texts() {
    Arbitrary<List<String>> words = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(30);
    Arbitrary<List<Item>> items = any().list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<List<Integer>> places = Arbitraries.integers().between(0, 1000).list().ofSize(6);
    Arbitrary<List<String>> separators = Arbitraries.of(SEPARATORS).list().ofSize(80);
    return Combinators.combine(words, items, places, separators).as((w, it, at, sep) -> {
      List<String> parts = new ArrayList<>(w);
      for (int i = 0; i < it.size(); i++) {
        parts.add(at.get(i) % (parts.size() + 1), it.get(i).written());
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        b.append(i == 0 ? "" : sep.get(i % sep.size())).append(parts.get(i));
      }
      return new Text(b.toString(), it);
    });
  }

  public static Arbitrary<Item> any() {
    return Arbitraries.oneOf(cards(), ibans(), emails(), phones(), spanishIds());
  }

  public static Arbitrary<Item> cards() {
    Arbitrary<String> prefix = Arbitraries.of("4", "51", "55", "2221", "34", "37", "6011");
    return Combinators.combine(prefix, Arbitraries.strings().numeric().ofLength(18), Arbitraries.integers().between(0, 2))
        .as((p, filler, style) -> {
          int length = p.startsWith("3") ? 15 : 16;
          String body = (p + filler).substring(0, length - 1);
          String number = body + luhn(body);
          return new Item("card", grouped(number, style == 0 ? "" : style == 1 ? " " : "-"));
        });
  }

  public static Arbitrary<Item> ibans() {
    // Country, then a BBAN of the country's own shape.
    Arbitrary<String> es = Arbitraries.strings().numeric().ofLength(20).map(b -> "ES" + b);
    Arbitrary<String> de = Arbitraries.strings().numeric().ofLength(18).map(b -> "DE" + b);
    Arbitrary<String> nl = Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofLength(4),
        Arbitraries.strings().numeric().ofLength(10)).as((bank, n) -> "NL" + bank + n);
    Arbitrary<String> gb = Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofLength(4),
        Arbitraries.strings().numeric().ofLength(14)).as((bank, n) -> "GB" + bank + n);
    return Combinators.combine(Arbitraries.oneOf(es, de, nl, gb), Arbitraries.of(true, false)).as((cb, spaced) -> {
      String country = cb.substring(0, 2);
      String bban = cb.substring(2);
      String iban = country + ibanCheck(country + "00" + bban) + bban;
      return new Item("iban", spaced ? grouped(iban, " ") : iban);
    });
  }

  public static Arbitrary<Item> emails() {
    Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._+-áñ")
        .ofMinLength(1).ofMaxLength(20).filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(2).ofMaxLength(12);
    Arbitrary<String> tld = Arbitraries.of("com", "es", "org", "net", "co.uk", "info");
    return Combinators.combine(local, host, tld).as((l, h, t) -> new Item("email", l + "@" + h + "." + t));
  }

  public static Arbitrary<Item> phones() {
    Arbitrary<String> region = Arbitraries.of("ES", "ES", "ES", "GB", "FR", "DE", "PT", "IT");
    return Combinators.combine(region, Arbitraries.strings().numeric().ofLength(4), Arbitraries.integers().between(0, 3))
        .as((r, tail, style) -> phone(r, tail, style))
        .filter(item -> item != null);
  }

  public static Arbitrary<Item> spanishIds() {
    Arbitrary<Item> dni = Combinators.combine(Arbitraries.integers().between(0, 99_999_999), Arbitraries.of("", "-", " "),
        Arbitraries.of(true, false)).as((n, sep, upper) -> {
          char letter = DNI_LETTERS.charAt(n % 23);
          return new Item("dni", String.format("%08d", n) + sep + (upper ? letter : Character.toLowerCase(letter)));
        });
    Arbitrary<Item> nie = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 9_999_999),
        Arbitraries.of("", "-")).as((lead, n, sep) -> {
          char letter = DNI_LETTERS.charAt((lead * 10_000_000 + n) % 23);
          return new Item("nie", "XYZ".charAt(lead) + sep + String.format("%07d", n) + sep + letter);
        });
    return Arbitraries.oneOf(dni, nie);
  }

  /** A valid mobile number of the region, from its example number with the last digits changed. */
  private static Item phone(String region, String tail, int style) {
    PhoneNumber example = PHONES.getExampleNumberForType(region, PhoneNumberType.MOBILE);
    String national = String.valueOf(example.getNationalNumber());
    PhoneNumber n = new PhoneNumber().setCountryCode(example.getCountryCode())
        .setNationalNumber(Long.parseLong(national.substring(0, national.length() - 4) + tail));
    if (!PHONES.isValidNumber(n)) {
      return null;
    }
    String digits = String.valueOf(n.getNationalNumber());
    if (region.equals("ES") && style == 0) {
      return new Item("phone", digits);
    }
    if (region.equals("ES") && style == 1) {
      return new Item("phone", digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6));
    }
    return new Item("phone", PHONES.format(n, style == 2 ? PhoneNumberFormat.INTERNATIONAL : PhoneNumberFormat.E164));
  }

  private static String luhn(String body) {
    try {
      return LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(body);
    } catch (CheckDigitException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ibanCheck(String codeWithZeros) {
    try {
      return IBANCheckDigit.IBAN_CHECK_DIGIT.calculate(codeWithZeros);
    } catch (CheckDigitException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String grouped(String s, String separator) {
    if (separator.isEmpty()) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i += 4) {
      b.append(i == 0 ? "" : separator).append(s, i, Math.min(s.length(), i + 4));
    }
    return b.toString();
  }
}
