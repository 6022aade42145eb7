package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledTextCsvTest {

  @Test
  void readsQuotedFieldsIgnoresExtraColumnsAndUsesTheLanguageColumn() throws IOException {
    String csv =
        """
        id,text,label,language,channel
        1,"Me cobraron dos veces, otra vez",billing,es,survey
        2,"He said ""refund me"" twice
        on the phone",refunds,,web
        3,plain text,delivery,en-GB,app
        """;

    List<LabeledText> rows = LabeledTextCsv.read(new StringReader(csv), "test.csv");

    assertThat(rows)
        .containsExactly(
            new LabeledText("Me cobraron dos veces, otra vez", "billing", Language.ES),
            new LabeledText("He said \"refund me\" twice\non the phone", "refunds", Language.UNKNOWN),
            new LabeledText("plain text", "delivery", Language.EN));
  }

  @Test
  void rowsWithoutTextOrLabelFailWithTheirLineNumbers() {
    String csv = "text,label\nfine,billing\n,billing\nno label,\n";

    assertThatThrownBy(() -> LabeledTextCsv.read(new StringReader(csv), "bad.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv:3: needs both text and label")
        .hasMessageContaining("bad.csv:4: needs both text and label");
  }

  @Test
  void aHeaderWithoutTextAndLabelIsRejected() {
    assertThatThrownBy(() -> LabeledTextCsv.read(new StringReader("sentence,intent\nhi,greet\n"), "x.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'text' and 'label'");
  }
}
