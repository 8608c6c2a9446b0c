package org.postwarden.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;
import org.postwarden.dkim.RawMessage;

class HeaderAddressesPropertiesTest {
    @Property(tries = 2000)
    void addressesOfAnyHeaderShouldBeReadOrRefusedAsEmpty(@ForAll("messages") byte[] message) {
        RawMessage parsed = RawMessage.parse(message);

        HeaderAddresses.of(parsed, "From").ifPresent(addresses -> addresses.forEach(address -> {
            assertThat(address).isLowerCase();
            assertThat(HeaderAddresses.domain(address)).doesNotContain("@");
        }));
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return BadInput.nearBytes("From: Alice <alice@example.com>, bob@EXAMPLE.org\r\nSender: x@y.example\r\n\r\nhi",
            "From: \"Quoted, Name\" <q@example.com>\r\nFrom: group: a@b.example, c@d.example;\r\n\r\n",
            "From: =?utf-8?q?caf=C3=A9?= <c@example.com> (comment (nested))\r\n\r\n",
            "From: a@[192.0.2.1], <@route:b@example.com>\r\n\r\n");
    }
}
