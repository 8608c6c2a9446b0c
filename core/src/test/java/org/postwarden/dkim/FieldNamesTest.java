package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"From", "FROM", "from", "Content-Transfer-Encoding", "DKIM-Signature", "X-Spam-Status",
        "Fro", "Froms", "X-Custom", "Subjecz", "Réception", "@rom", "`rom", "List-Unsubscribe-Post", "TO", "t"})
    void lowerCaseShouldBeWhatToLowerCaseGivesAndShareTheCommonNames(String name) {
        byte[] bytes = ("  " + name + ":").getBytes(StandardCharsets.ISO_8859_1);

        String lowerCase = FieldNames.lowerCase(bytes, 2, bytes.length - 1);

        assertThat(lowerCase).isEqualTo(name.toLowerCase(Locale.ROOT));
        // A common name comes back as one shared instance, any other as a new string each time.
        boolean common = java.util.List.of("from", "content-transfer-encoding", "dkim-signature", "x-spam-status",
            "list-unsubscribe-post", "to").contains(lowerCase);
        assertThat(FieldNames.lowerCase(bytes, 2, bytes.length - 1) == lowerCase).isEqualTo(common);
    }
}
