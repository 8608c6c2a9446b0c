package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleKeyTest {
    @ParameterizedTest
    @CsvSource({
        "Alice@Example.COM, alice@example.com",
        "alice+newsletter@example.com, alice@example.com",
        "ALICE+a+b@example.com, alice@example.com",
        "Bob, bob",
        "+tag@example.com, +tag@example.com"})
    void usersShouldIgnoreCaseAndSubAddresses(String user, String normalised) {
        assertThat(ThrottleKey.user(user).value()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({
        "Example.COM, example.com",
        "example.com., example.com",
        "Alice+x@Example.com, example.com"})
    void domainsShouldIgnoreCaseAndTrailingDots(String domain, String normalised) {
        assertThat(ThrottleKey.senderDomain(domain).value()).isEqualTo(normalised);
        assertThat(ThrottleKey.destinationDomain(domain).value()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.7, 192.0.2.7/32",
        "::ffff:192.0.2.7, 192.0.2.7/32",
        "2001:DB8:1:2:3:4:5:6, 2001:db8:1:2::/64",
        "2001:db8:1:2::/64, 2001:db8:1:2::/64"})
    void clientsShouldBeCountedByAddressAndIpv6ByPrefix(String address, String normalised) {
        assertThat(ThrottleKey.clientIp(address).value()).isEqualTo(normalised);
    }

    @Test
    void bucketsShouldNameKindValueAndCounter() {
        assertThat(ThrottleKey.user("Alice+x@example.com").bucket("messages"))
            .isEqualTo("user:alice@example.com#messages");
    }

    @Test
    void hostNamesShouldNotBeTakenForAddresses() {
        assertThatThrownBy(() -> ThrottleKey.clientIp("mail.example.com"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyUserKeysShouldHaveAUserName() {
        assertThatThrownBy(() -> ThrottleKey.senderDomain("example.com").userName())
            .isInstanceOf(IllegalArgumentException.class);
    }
}
