package org.postwarden.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;
import org.postwarden.identity.SenderIdentityPolicy.LocalSenderRule;

class SenderIdentityPolicyTest {
    private static final String ALICE = "alice@example.com";
    private final SenderIdentityPolicy.Ownership ownership =
        (user, address) -> address.equals(user) || (user.equals(ALICE) && address.equals("sales@example.com"));
    private final SenderIdentityPolicy policy = new SenderIdentityPolicy(ownership, Set.of("Admin@example.com"), LocalSenderRule.SPF);

    private static RawMessage message(String headers) {
        return RawMessage.parse((headers + "Subject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aUserMayUseTheirAddressAndTheirAliasesIgnoringCase() {
        assertThat(policy.mayUse(ALICE, "Alice@Example.com")).isTrue();
        assertThat(policy.mayUse(ALICE, "sales@example.com")).isTrue();
        assertThat(policy.mayUse(ALICE, "bob@example.com")).isFalse();
    }

    @Test
    void aDomainAdminMayUseAnyAddressOfTheirOwnDomainOnly() {
        assertThat(policy.mayUse("admin@example.com", "newsletter@example.com")).isTrue();
        assertThat(policy.mayUse("admin@example.com", "ceo@other.example")).isFalse();
    }

    @Test
    void headerViolationShouldNameTheForeignFromAddress() {
        assertThat(policy.headerViolation(ALICE, message("From: Bob <bob@example.com>\r\n")))
            .contains("From address <bob@example.com> is not one of alice@example.com's addresses");
    }

    @Test
    void headerViolationShouldCheckEveryFromAddressAndTheSender() {
        assertThat(policy.headerViolation(ALICE, message("From: alice@example.com, bob@example.com\r\n"))).isPresent();
        assertThat(policy.headerViolation(ALICE, message("From: alice@example.com\r\nSender: bob@example.com\r\n")))
            .contains("Sender address <bob@example.com> is not one of alice@example.com's addresses");
    }

    @Test
    void ownHeadersShouldPass() {
        assertThat(policy.headerViolation(ALICE, message("From: \"Alice\" <alice@example.com>\r\nSender: sales@example.com\r\n"))).isEmpty();
    }

    @Test
    void aMalformedFromShouldBeAViolation() {
        assertThat(policy.headerViolation(ALICE, message("From: <<not an address\r\n")))
            .contains("the From header is not a valid address list");
    }

    @Test
    void fromShouldReadTheRuleAndTheAdmins() {
        SenderIdentityPolicy configured = SenderIdentityPolicy.from(
            Map.of("unauthenticatedLocalSender", "reject", "domainAdmins", " admin@example.com "), ownership);

        assertThat(configured.unauthenticatedLocalSender()).isEqualTo(LocalSenderRule.REJECT);
        assertThat(configured.mayUse("admin@example.com", "any@example.com")).isTrue();
        assertThatThrownBy(() -> SenderIdentityPolicy.from(Map.of("unauthenticatedLocalSender", "maybe"), ownership))
            .hasMessageContaining("allow, spf or reject");
    }

    @Test
    void aUserMayUseTheirOwnAddressesWithASubAddressUnlessThatAddressIsSomebodysElse() {
        SenderIdentityPolicy tagged = SenderIdentityPolicy.from(Map.of(), ownership, "alice+team@example.com"::equals);

        assertThat(tagged.mayUse(ALICE, "Alice+News@Example.com")).isTrue();
        assertThat(tagged.mayUse(ALICE, "sales+eu@example.com")).isTrue();
        assertThat(tagged.mayUse(ALICE, "alice+a+b@example.com")).isTrue();
        assertThat(tagged.mayUse(ALICE, "bob+news@example.com")).isFalse();
        assertThat(tagged.mayUse(ALICE, "alice+team@example.com")).isFalse();
        assertThat(tagged.mayUse(ALICE, "+alice@example.com")).isFalse();
        assertThat(tagged.mayUse(ALICE, "alice+news@other.example")).isFalse();
    }

    @Test
    void anEmptyDelimiterShouldTurnSubAddressesOff() {
        SenderIdentityPolicy untagged = SenderIdentityPolicy.from(Map.of("subAddressDelimiter", ""), ownership, address -> false);

        assertThat(untagged.mayUse(ALICE, "alice+news@example.com")).isFalse();
        assertThat(SenderIdentityPolicy.from(Map.of("subAddressDelimiter", "-"), ownership, address -> false)
            .mayUse(ALICE, "alice-news@example.com")).isTrue();
    }
}
