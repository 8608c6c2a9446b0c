package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class DkimSignaturePropertiesTest {
    private static final String[] VALID = {
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel;\r\n"
            + "\th=From : Subject; bh=YWJj; b=ZGVm\r\n\t Z2hp; t=100; x=200; l=5; i=joe@mail.example.com",
        "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=football.example.com; i=@football.example.com;"
            + " q=dns/txt; s=brisbane; t=1528637909; h=from : to : subject : date : message-id : from : subject : date;"
            + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;"
            + " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
        "DKIM-Signature:v=1;a=rsa-sha1;d=a.example;s=s;h=from;bh=YQ==;b=Yg==;c=simple;q=dns/txt:other/x",
    };

    @Test
    void parseShouldOnlyEverFailWithDkimException() {
        Fuzz.forAll("DKIM-Signature fields parse or fail with DkimException", 2000, BadInput.near(VALID), field -> {
            try {
                DkimSignature signature = DkimSignatureParser.parse(field);
                assertThat(signature.signedHeaders()).anyMatch("from"::equalsIgnoreCase);
                assertThat(signature.unsignedField().length()).isLessThanOrEqualTo(field.length());
            } catch (DkimException expected) {
                assertThat(expected.failure()).isNotNull();
            }
        });
    }

    @Test
    void parseOfAFieldReadFromArbitraryBytesShouldOnlyEverFailWithDkimException() {
        Fuzz.forAll("fields read from any bytes parse or fail with DkimException", 500,
            BadInput.nearBytes(VALID[0] + "\r\n" + DkimTestSupport.MESSAGE, VALID[1] + "\r\n" + VALID[2] + "\r\n\r\nbody"),
            message -> {
                for (HeaderField field : RawMessage.parse(message).headers()) {
                    try {
                        DkimSignatureParser.parse(field);
                    } catch (DkimException expected) {
                        assertThat(expected.failure()).isNotNull();
                    }
                }
            });
    }
}
