package org.feedbackrouter.bench;

import java.util.ArrayList;
import java.util.List;

/** Realistic ~200-character feedback in Spanish and English, some with personal data to mask. */
public final class ClassifyBenchmarkTexts {

  private ClassifyBenchmarkTexts() {}

  private static final List<String> SPANISH =
      List.of(
          "Me han cobrado dos veces la factura de este mes y cuando llamé a atención al cliente me tuvieron"
              + " cuarenta minutos esperando. Quiero que me devuelvan el dinero cuanto antes, por favor.",
          "El pedido tenía que llegar el lunes y todavía no ha llegado. El seguimiento no se actualiza desde"
              + " hace cuatro días y el repartidor no contesta al teléfono. Muy decepcionado con el servicio.",
          "La aplicación se cierra cada vez que intento pagar con la tarjeta. He reinstalado la app dos veces"
              + " y sigue igual. Mi correo es lucia.martin@correo.es por si necesitáis más datos.",
          "El técnico vino a instalar la fibra, fue muy amable y lo dejó todo funcionando en una hora."
              + " Muchas gracias al equipo, da gusto que te atiendan así de bien. Os recomiendo sin duda.",
          "Alguien ha contratado una línea a mi nombre sin mi permiso y me están llegando facturas que no"
              + " reconozco. Creo que es una suplantación de identidad. Llamadme al 612 345 678 urgente.",
          "En la tienda del centro había una cola enorme y solo una persona atendiendo. Cuando por fin me tocó"
              + " no sabían cómo funcionaba la tarifa que anuncian en la web. Una pérdida de tiempo total.",
          "Desde hace una semana internet se corta cada noche y la cobertura móvil en casa es casi nula."
              + " He reiniciado el router varias veces, pero nada. Pago por 600 megas y no llegan ni a 50.",
          "Quiero darme de baja y no me dejan hacerlo por teléfono. Me dicen que tengo permanencia, pero"
              + " cuando contraté nadie me explicó ninguna penalización. Si no se soluciona iré a consumo.");

  private static final List<String> ENGLISH =
      List.of(
          "I was charged twice for my bill this month and when I called customer service I was on hold for"
              + " forty minutes. I want my money back as soon as possible, this is not acceptable at all.",
          "My order was due on Monday and it still has not arrived. Tracking has not moved for four days and"
              + " the courier does not answer the phone. Really disappointed with the whole delivery service.",
          "The app crashes every time I try to pay with my card. I reinstalled it twice and nothing changed."
              + " You can reach me at james.walker@example.co.uk if you need more details about my account.",
          "The technician came to install the broadband, he was very friendly and had everything working in"
              + " an hour. Many thanks to the team, it is a pleasure to be served so well. Highly recommend.",
          "Someone opened a line in my name without permission and I am receiving bills I do not recognise."
              + " I think it is identity theft. Please call me on +44 20 7946 0958 as soon as you can.",
          "The city centre store had a huge queue and only one person serving. When it was finally my turn"
              + " nobody knew how the plan advertised on the website works. A complete waste of my time.",
          "For a week the internet has dropped every night and mobile coverage at home is almost zero. I have"
              + " restarted the router many times but nothing helps. I pay for 600 megabits and get 50.",
          "I want to cancel and they will not let me do it by phone. They say I have a minimum term, but when"
              + " I signed up nobody explained any penalty. If this is not fixed I will go to my lawyer.");

  /** Spanish and English texts, alternating. */
  public static List<String> all() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SPANISH.size(); i++) {
      out.add(SPANISH.get(i));
      out.add(ENGLISH.get(i));
    }
    return List.copyOf(out);
  }
}
