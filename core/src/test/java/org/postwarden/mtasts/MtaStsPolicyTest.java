package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {
    /** RFC 8461 §3.2's example. */
    private static final String EXAMPLE = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
        + "mx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";

    @Test
    void rfcExampleShouldParse() throws Exception {
        MtaStsPolicy policy = MtaStsPolicy.parse(EXAMPLE);

        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bareLineFeedsAndUnknownFieldsShouldBeAccepted() throws Exception {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\nmode: testing\nfuture: x\nmx: mx.example.org\nmax_age: 86400");

        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
    }

    @Test
    void wildcardShouldMatchExactlyOneLeftmostLabel() throws Exception {
        // §4.1: "*.example.com" matches "mx1.example.com" but not "example.com" nor "a.b.example.com"
        MtaStsPolicy policy = MtaStsPolicy.parse(EXAMPLE);

        assertThat(policy.allows("mx1.example.net")).isTrue();
        assertThat(policy.allows("MX1.Example.NET.")).isTrue();
        assertThat(policy.allows("example.net")).isFalse();
        assertThat(policy.allows("a.b.example.net")).isFalse();
        assertThat(policy.allows("mail.example.com")).isTrue();
        assertThat(policy.allows("other.example.com")).isFalse();
    }

    @Test
    void modeNoneNeedsNoMx() throws Exception {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 0").mode()).isEqualTo(MtaStsPolicy.Mode.NONE);
    }

    @Test
    void invalidPoliciesShouldBeRefusedWithTheReason() {
        assertThatThrownBy(() -> MtaStsPolicy.parse(EXAMPLE.replace("STSv1", "STSv2"))).hasMessageContaining("version");
        assertThatThrownBy(() -> MtaStsPolicy.parse(EXAMPLE.replace("enforce", "strict"))).hasMessageContaining("mode");
        assertThatThrownBy(() -> MtaStsPolicy.parse(EXAMPLE.replace("604800", "31557601"))).hasMessageContaining("max_age");
        assertThatThrownBy(() -> MtaStsPolicy.parse(EXAMPLE.replace("604800", "-1"))).hasMessageContaining("max_age");
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 60")).hasMessageContaining("no mx");
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 60"))
            .hasMessageContaining("invalid mx");
        assertThatThrownBy(() -> MtaStsPolicy.parse("<html>not found</html>")).isInstanceOf(MtaStsException.class);
    }
}
