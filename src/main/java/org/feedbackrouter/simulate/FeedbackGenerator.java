package org.feedbackrouter.simulate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;

/**
 * Realistic customer feedback in Spanish and English, across channels, with scores that fit the
 * text, now and then with personal data to mask. Seeded, so a test or benchmark sees the same
 * stream every run. Not thread-safe: one generator per producing thread.
 */
public final class FeedbackGenerator {

  /** A kind of feedback: the topic it is about, texts in both languages, and its usual mood. */
  private record Theme(String topic, boolean negative, List<String> es, List<String> en) {}

  private static final List<Theme> THEMES = List.of(
      new Theme("billing", true,
          List.of("La factura de este mes me cobra dos veces la cuota de la tarifa",
              "Me habéis cobrado un importe que no reconozco en la factura, quiero una explicación",
              "El recibo viene con un cargo duplicado y nadie me da una respuesta clara"),
          List.of("My bill this month charges me twice for the same plan",
              "There is a charge on my invoice that I do not recognise, please explain it",
              "I was billed the wrong amount again and the invoice makes no sense")),
      new Theme("refunds", true,
          List.of("Llevo tres semanas esperando el reembolso de un pedido que devolví",
              "Me prometieron la devolución del dinero y todavía no he recibido nada"),
          List.of("I am still waiting for my refund three weeks after returning the order",
              "You promised to give my money back and the refund never arrived")),
      new Theme("delivery", true,
          List.of("El pedido no ha llegado y el seguimiento lleva cinco días sin moverse",
              "El repartidor dejó el paquete en otra dirección y llegó tarde y dañado"),
          List.of("My order has not arrived and the tracking has not moved for five days",
              "The courier left the parcel at the wrong address and the delivery was late")),
      new Theme("product_defect", true,
          List.of("La batidora dejó de funcionar a los dos días, el motor está roto y huele a quemado",
              "El producto vino defectuoso, la pantalla parpadea y se apaga sola"),
          List.of("The blender stopped working after two days, the motor is broken and smells burnt",
              "The product arrived defective, the screen flickers and switches itself off")),
      new Theme("self_service_web", true,
          List.of("La web da error al intentar cambiar mi tarifa desde el área de cliente",
              "En la página de autoservicio no encuentro cómo descargar mis facturas, la web es confusa"),
          List.of("The website throws an error when I try to change my plan in the customer area",
              "The self-service page is confusing and the help article is out of date")),
      new Theme("mobile_app", true,
          List.of("La aplicación móvil se cierra cada vez que intento pagar",
              "Desde la última actualización la app no me deja iniciar sesión en el móvil"),
          List.of("The mobile app crashes every time I try to pay",
              "Since the last update the app will not let me log in on my phone")),
      new Theme("contact_centre_wait", true,
          List.of("Estuve cuarenta minutos esperando al teléfono y nadie me atendió",
              "Llamo al servicio de atención al cliente y la espera es eterna, me cuelgan"),
          List.of("I waited forty minutes on the phone and nobody answered",
              "Every time I call customer service the hold time is endless and the call drops")),
      new Theme("staff_attitude", true,
          List.of("El dependiente fue muy maleducado y no quiso ayudarme",
              "La agente me habló de malas maneras y me colgó el teléfono"),
          List.of("The shop assistant was very rude and refused to help me",
              "The agent was unfriendly and hung up on me")),
      new Theme("pricing", true,
          List.of("Habéis subido otra vez el precio de la tarifa mensual, es demasiado caro",
              "El precio es mucho más alto que el de la competencia"),
          List.of("You raised the price of the monthly plan again, it is far too expensive",
              "Your prices are much higher than other companies")),
      new Theme("account_access", true,
          List.of("No puedo entrar en mi cuenta, la contraseña no funciona y no llega el código",
              "Mi cuenta está bloqueada y no consigo restablecer la contraseña"),
          List.of("I cannot access my account, the password reset code never arrives",
              "My account is locked and I cannot reset my password")),
      new Theme("privacy_data", true,
          List.of("Veo los datos personales de otro cliente en mi cuenta, esto es una fuga de datos",
              "Habéis compartido mis datos personales sin mi consentimiento, voy a denunciarlo"),
          List.of("I can see another customer's personal data in my account, this is a data breach",
              "You shared my personal data without my consent, this is a privacy violation")),
      new Theme("returns", true,
          List.of("Quiero devolver un artículo y la tienda no me acepta la devolución",
              "El proceso de devolución es complicadísimo y la etiqueta no funciona"),
          List.of("I want to return an item and the store will not accept the return",
              "The returns process is far too complicated and the return label does not work")),
      new Theme("store_experience", false,
          List.of("La tienda estaba desordenada y había mucha cola en las cajas",
              "En la tienda no había nadie para atenderme y los probadores estaban cerrados"),
          List.of("The store was messy and the queue at the tills was very long",
              "There was nobody in the shop to help me and the fitting rooms were closed")),
      new Theme("marketing_messages", true,
          List.of("Recibo demasiados correos y SMS de publicidad aunque me di de baja",
              "Me llegan ofertas comerciales todos los días, quiero que dejéis de enviarme publicidad"),
          List.of("I get too many marketing emails and texts even though I unsubscribed",
              "Stop sending me promotional messages every day")),
      new Theme("praise", false,
          List.of("Muchas gracias a Laura de la tienda, me atendió de maravilla, excelente servicio",
              "Estoy encantado con el servicio, todo perfecto y muy rápido"),
          List.of("Many thanks to Laura in the store, excellent service, she was wonderful",
              "I am delighted with the service, everything was perfect and quick")),
      new Theme("fraud", true,
          List.of("Alguien ha hecho compras con mi tarjeta en vuestra web, es un fraude",
              "Han suplantado mi identidad para contratar una línea a mi nombre"),
          List.of("Someone made purchases with my card on your website, this is fraud",
              "Someone used my identity to open a contract in my name, it is a scam")),
      new Theme("safety", true,
          List.of("El cargador se sobrecalentó y empezó a echar humo, podría haber provocado un incendio",
              "El juguete tiene piezas pequeñas que se sueltan, es peligroso para un niño"),
          List.of("The charger overheated and started smoking, it could have caused a fire",
              "The toy has small parts that come off, it is dangerous for a child")),
      new Theme("contract_cancellation", true,
          List.of("Quiero darme de baja y me ponen todas las trabas posibles para cancelar el contrato",
              "Me cobran una penalización por cancelar el contrato que nadie me explicó"),
          List.of("I want to cancel my contract and you make it impossible to leave",
              "You charged me an early termination fee nobody told me about")),
      new Theme("network_coverage", true,
          List.of("No tengo cobertura en casa y la conexión a internet se corta constantemente",
              "La fibra va lentísima y se cae varias veces al día"),
          List.of("I have no signal at home and the internet connection keeps dropping",
              "The broadband is extremely slow and goes down several times a day")),
      new Theme("installation_technician", true,
          List.of("El técnico no vino a la cita de instalación y nadie me avisó",
              "La instalación quedó mal hecha y el técnico se fue sin terminar"),
          List.of("The technician did not turn up for the installation appointment",
              "The installation was done badly and the engineer left without finishing")));

  private static final List<String> NEUTRAL_ES = List.of(
      "Quería consultar el horario de la tienda del centro", "Tengo una duda sobre mi próximo pedido");
  private static final List<String> NEUTRAL_EN = List.of(
      "I would like to know the opening hours of the city centre store", "I have a question about my next order");
  // Topic-neutral context that pads a text to a realistic length without changing what it is about.
  private static final List<String> CONTEXT_ES = List.of(
      "Soy cliente desde hace varios años", "Os lo comento por si le pasa a más gente",
      "Lo he intentado varias veces esta semana", "Espero que lo tengáis en cuenta");
  private static final List<String> CONTEXT_EN = List.of(
      "I have been a customer for several years", "I am telling you in case it happens to others",
      "I have tried several times this week", "I hope you take this into account");
  private static final Channel[] CHANNELS = {Channel.SURVEY, Channel.SELF_SERVICE, Channel.WEB,
      Channel.APP, Channel.CONTACT_CENTER, Channel.EMAIL, Channel.SOCIAL, Channel.STORE};
  private static final List<String> NAMES = List.of("ana", "luis", "marta", "john", "emma", "pablo");

  private final Random random;
  private final int minTextLength;
  private long sequence;

  public FeedbackGenerator(long seed) {
    this(seed, 0);
  }

  /** @param minTextLength texts shorter than this get neutral context sentences appended (the benchmark uses ~200) */
  public FeedbackGenerator(long seed, int minTextLength) {
    this.random = new Random(seed);
    this.minTextLength = minTextLength;
  }

  /** Every topic id the generator writes about. */
  public static List<String> topics() {
    return THEMES.stream().map(Theme::topic).toList();
  }

  public FeedbackReceived next(Instant receivedAt) {
    return next(receivedAt, THEMES.get(random.nextInt(THEMES.size())).topic());
  }

  /** Feedback about one topic: the demo uses it to make a surge. */
  public FeedbackReceived next(Instant receivedAt, String topic) {
    Theme theme = THEMES.stream().filter(t -> t.topic().equals(topic)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no theme for topic " + topic));
    boolean spanish = random.nextBoolean();
    List<String> texts = spanish ? theme.es() : theme.en();
    StringBuilder text = new StringBuilder(texts.get(random.nextInt(texts.size())));
    if (random.nextInt(10) == 0) {
      List<String> extra = spanish ? NEUTRAL_ES : NEUTRAL_EN;
      text.append(". ").append(extra.get(random.nextInt(extra.size())));
    }
    if (random.nextInt(8) == 0) {
      String name = NAMES.get(random.nextInt(NAMES.size()));
      text.append(spanish ? ". Podéis escribirme a " : ". You can reach me at ")
          .append(name).append(random.nextInt(100)).append("@example.com");
    } else if (random.nextInt(10) == 0) {
      text.append(spanish ? ". Mi teléfono es el 6" : ". My phone is +34 6")
          .append(10 + random.nextInt(89)).append(' ').append(100 + random.nextInt(899))
          .append(' ').append(100 + random.nextInt(899));
    }
    List<String> context = spanish ? CONTEXT_ES : CONTEXT_EN;
    while (text.length() < minTextLength) {
      text.append(". ").append(context.get(random.nextInt(context.size())));
    }
    Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
    sequence++;
    return FeedbackReceived.newBuilder()
        .setId(String.format("fb-%08d-%04x", sequence, random.nextInt(0x10000)))
        .setChannel(channel)
        .setReceivedAt(receivedAt)
        .setCustomerId(random.nextInt(4) == 0 ? null : "cust-" + random.nextInt(50_000))
        .setLanguage(random.nextInt(3) == 0 ? (spanish ? "es" : "en") : null)
        .setAttributes(Map.of())
        .setText(text.toString())
        .setScores(scores(channel, theme.negative()))
        .build();
  }

  private Scores scores(Channel channel, boolean negative) {
    if (channel != Channel.SURVEY && random.nextInt(3) != 0) {
      return null;
    }
    int nps = negative ? random.nextInt(7) : 7 + random.nextInt(4);
    int csat = negative ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
    int ces = negative ? 4 + random.nextInt(4) : 1 + random.nextInt(3);
    return new Scores(random.nextBoolean() ? nps : null, random.nextBoolean() ? csat : null,
        random.nextInt(3) == 0 ? ces : null);
  }
}
