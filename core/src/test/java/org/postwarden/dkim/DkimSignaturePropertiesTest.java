package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

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

    @Property(tries = 2000)
    void parseShouldOnlyEverFailWithDkimException(@ForAll("signatures") String field) {
        try {
            DkimSignature signature = DkimSignatureParser.parse(field);
            assertThat(signature.signedHeaders()).anyMatch("from"::equalsIgnoreCase);
            assertThat(signature.unsignedField().length()).isLessThanOrEqualTo(field.length());
        } catch (DkimException expected) {
            assertThat(expected.failure()).isNotNull();
        }
    }

    @Property(tries = 500)
    void parseOfAFieldReadFromArbitraryBytesShouldOnlyEverFailWithDkimException(@ForAll("messages") byte[] message) {
        for (HeaderField field : RawMessage.parse(message).headers()) {
            try {
                DkimSignatureParser.parse(field);
            } catch (DkimException expected) {
                assertThat(expected.failure()).isNotNull();
            }
        }
    }

    @Provide
    Arbitrary<String> signatures() {
        return BadInput.near(VALID);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return BadInput.nearBytes(VALID[0] + "\r\n" + DkimTestSupport.MESSAGE, VALID[1] + "\r\n" + VALID[2] + "\r\n\r\nbody");
    }
}
