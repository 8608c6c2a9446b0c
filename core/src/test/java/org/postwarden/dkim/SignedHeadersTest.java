package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

class SignedHeadersTest {
    private static final RawMessage MESSAGE = RawMessage.parse(bytes("Received: by a\r\nTO: one@x\r\nFrom: a@b\r\n"
        + "Subject: hi\r\nto: two@x\r\nReceived: by b\r\nX-Other: y\r\nTo: three@x\r\n\r\nbody\r\n"));

    @Test
    void pickShouldCoverEachPresentInstanceBottomUpAndNothingForAnOversignedName() {
        SignedHeaders.Selection selection = SignedHeaders.present(List.of("from", "to", "cc"), List.of("to", "cc")).pick(MESSAGE);

        assertThat(selection.names()).containsExactly("from", "to", "to", "to", "to", "cc");
        assertThat(selection.fields()).extracting(HeaderField::text)
            .containsExactly("From: a@b", "To: three@x", "to: two@x", "TO: one@x");
        assertThat(selection.fields()).isEqualTo(SigningInput.select(MESSAGE.headers(), selection.names()));
    }

    @Test
    void pickShouldGiveWhatAFreshInstanceGivesWhateverItPickedFromBefore() {
        SignedHeaders shared = SignedHeaders.recommended();
        // Few names, so that layouts repeat, differ by one field, or by the case or spelling of a name.
        String[] names = {"From", "FROM", "To", "Subject", "Date", "X-Custom", "X-Custon", "x-custom", "Received"};
        Fuzz.forAll("a reused SignedHeaders picks as a fresh one", 3000, random -> {
            StringBuilder message = new StringBuilder();
            for (int count = random.nextInt(3); count >= 0; count--) {
                message.append(names[random.nextInt(names.length)]).append(": ").append(random.nextInt(9)).append("\r\n");
            }
            return message.append("\r\nbody\r\n").toString();
        }, text -> {
            RawMessage message = RawMessage.parse(bytes(text));
            SignedHeaders.Selection expected = SignedHeaders.recommended().pick(message);
            SignedHeaders.Selection selection = shared.pick(message);
            assertThat(selection.names()).isEqualTo(expected.names());
            assertThat(selection.fields()).isEqualTo(expected.fields())
                .isEqualTo(SigningInput.select(message.headers(), selection.names()));
        });
    }

    @Test
    void namesShouldBeHeaderFieldNames() {
        assertThatThrownBy(() -> SignedHeaders.exactly(List.of("from", "x header")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x header\" is not a header field name");
        assertThatThrownBy(() -> SignedHeaders.present(List.of("from", "subject:"), List.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedHeaders.present(List.of("from"), List.of("")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pickShouldFollowAFixedListAsSigningInputDoes() {
        List<String> names = List.of("Subject", "to", "from", "to", "date");
        SignedHeaders.Selection selection = SignedHeaders.exactly(names).pick(MESSAGE);

        assertThat(selection.names()).isEqualTo(names);
        assertThat(selection.fields()).extracting(HeaderField::text)
            .containsExactly("Subject: hi", "To: three@x", "From: a@b", "to: two@x");
    }
}
