package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyRecordTest {
    private static final String ED25519_P = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    /** A 512-bit RSA SubjectPublicKeyInfo: too short for RFC 8301, still a well-formed key. */
    private static final String RSA_512_P = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALjsuVLcWiUeL/uKC6lF0s9/6TMuRhGY"
        + "32LUO81hLP/3kqtNeXGyweOJ1mOB6bzFP1bPHGfWf8jIqGUd8WMkdXcCAwEAAQ==";

    @Test
    void parseShouldApplyDefaults() throws Exception {
        DkimKeyRecord record = DkimKeyRecord.parse("p=" + RSA_512_P);

        assertThat(record.keyType()).isEqualTo(DkimKeyType.RSA);
        assertThat(record.allowsHash("sha256")).isTrue();
        assertThat(record.allowsEmail()).isTrue();
        assertThat(record.testing()).isFalse();
        assertThat(record.strict()).isFalse();
        assertThat(record.key().orElseThrow().bits()).isEqualTo(512);
    }

    @Test
    void parseShouldReadAnEd25519Key() throws Exception {
        DkimKeyRecord record = DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=" + ED25519_P);

        assertThat(record.key().orElseThrow().encoded()).isEqualTo(Base64.getDecoder().decode(ED25519_P));
    }

    @Test
    void parseShouldReadAnEmptyKeyAsRevoked() throws Exception {
        assertThat(DkimKeyRecord.parse("v=DKIM1; p=").revoked()).isTrue();
    }

    @Test
    void parseShouldReadFlagsHashesAndServices() throws Exception {
        DkimKeyRecord record = DkimKeyRecord.parse("v=DKIM1; h=sha1; s=other; t=y:s; p=" + RSA_512_P);

        assertThat(record.testing()).isTrue();
        assertThat(record.strict()).isTrue();
        assertThat(record.allowsHash("sha256")).isFalse();
        assertThat(record.allowsEmail()).isFalse();
    }

    @Test
    void parseShouldDiscardRecordsOfAnotherVersionOrWithVersionNotFirst() {
        assertReason("v=DKIM2; p=" + RSA_512_P, DkimFailure.Reason.KEY_SYNTAX);
        assertReason("p=" + RSA_512_P + "; v=DKIM1", DkimFailure.Reason.KEY_SYNTAX);
    }

    @Test
    void parseShouldRejectUnknownKeyTypesAndBadKeys() {
        assertReason("k=dsa; p=" + RSA_512_P, DkimFailure.Reason.KEY_SYNTAX);
        assertReason("k=ed25519; p=" + RSA_512_P, DkimFailure.Reason.KEY_SYNTAX);
        assertReason("k=rsa; p=" + ED25519_P, DkimFailure.Reason.KEY_SYNTAX);
        assertReason("k=rsa; p=!!", DkimFailure.Reason.KEY_SYNTAX);
        assertReason("k=rsa", DkimFailure.Reason.KEY_SYNTAX);
        assertReason("k=rsa; k=rsa; p=", DkimFailure.Reason.KEY_SYNTAX);
    }

    private static void assertReason(String txt, DkimFailure.Reason reason) {
        assertThatThrownBy(() -> DkimKeyRecord.parse(txt))
            .isInstanceOfSatisfying(DkimException.class, e -> assertThat(e.failure().reason()).isEqualTo(reason));
    }
}
