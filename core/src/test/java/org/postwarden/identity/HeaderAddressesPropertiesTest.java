package org.postwarden.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.dkim.RawMessage;
import org.postwarden.testing.Fuzz;

class HeaderAddressesPropertiesTest {
    @Test
    void addressesOfAnyHeaderShouldBeReadOrRefusedAsEmpty() {
        Fuzz.forAll("addresses of any header are read or refused as empty", 2000, BadInput.nearBytes(
            "From: Alice <alice@example.com>, bob@EXAMPLE.org\r\nSender: x@y.example\r\n\r\nhi",
            "From: \"Quoted, Name\" <q@example.com>\r\nFrom: group: a@b.example, c@d.example;\r\n\r\n",
            "From: =?utf-8?q?caf=C3=A9?= <c@example.com> (comment (nested))\r\n\r\n",
            "From: a@[192.0.2.1], <@route:b@example.com>\r\n\r\n"), message -> {
                RawMessage parsed = RawMessage.parse(message);

                HeaderAddresses.of(parsed, "From").ifPresent(addresses -> addresses.forEach(address -> {
                    assertThat(address).isLowerCase();
                    assertThat(HeaderAddresses.domain(address)).doesNotContain("@");
                }));
            });
    }
}
