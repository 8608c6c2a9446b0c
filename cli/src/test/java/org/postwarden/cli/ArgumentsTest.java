package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static final List<String> KNOWN = List.of("dns", "ip");

    @Test
    void parseShouldReadOptionsAndTheMessageInAnyOrder() throws Exception {
        Arguments arguments = Arguments.parse(List.of("--ip", "192.0.2.1", "msg.eml", "--dns", "zone.json"), KNOWN, true);

        assertThat(arguments.required("ip")).isEqualTo("192.0.2.1");
        assertThat(arguments.required("dns")).isEqualTo("zone.json");
        assertThat(arguments.message()).isEqualTo("msg.eml");
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void parseShouldAcceptDashForStandardInputAndEmptyValues() throws Exception {
        Arguments arguments = Arguments.parse(List.of("--ip", "", "-"), KNOWN, true);

        assertThat(arguments.required("ip")).isEmpty();
        assertThat(arguments.message()).isEqualTo("-");
        assertThat(arguments.optional("dns")).isEmpty();
    }

    @Test
    void helpShouldWinOverEverythingElse() throws Exception {
        assertThat(Arguments.parse(List.of("--bogus", "x", "y", "--help"), KNOWN, false).help()).isTrue();
        assertThat(Arguments.parse(List.of("-h"), KNOWN, true).help()).isTrue();
    }

    @Test
    void requiredShouldNameTheMissingOption() throws Exception {
        Arguments arguments = Arguments.parse(List.of(), KNOWN, false);

        assertThatThrownBy(() -> arguments.required("ip")).isInstanceOf(UsageException.class)
            .hasMessage("--ip is required");
    }

    @Test
    void parseShouldRejectUnknownOptions() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--port", "25"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("unknown option --port");
        assertThatThrownBy(() -> Arguments.parse(List.of("-x"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("unknown option -x");
    }

    @Test
    void parseShouldRejectAnOptionWithoutValue() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--ip"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("--ip needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--ip", "--dns", "zone.json"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("--ip needs a value");
    }

    @Test
    void parseShouldRejectARepeatedOption() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--ip", "192.0.2.1", "--ip", "192.0.2.2"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("--ip is given twice");
    }

    @Test
    void parseShouldRequireExactlyOneMessageWhenTheCommandTakesOne() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--ip", "192.0.2.1"), KNOWN, true))
            .isInstanceOf(UsageException.class).hasMessage("the message file is missing (MSG, or - for standard input)");
        assertThatThrownBy(() -> Arguments.parse(List.of("a.eml", "b.eml"), KNOWN, true))
            .isInstanceOf(UsageException.class).hasMessage("unexpected argument \"b.eml\"");
        assertThatThrownBy(() -> Arguments.parse(List.of("a.eml"), KNOWN, false))
            .isInstanceOf(UsageException.class).hasMessage("unexpected argument \"a.eml\"");
    }

    @Test
    void flagsShouldTakeNoValue() throws Exception {
        Arguments arguments = Arguments.parse(List.of("--json", "--ip", "192.0.2.1"), KNOWN, List.of("json"), false);

        assertThat(arguments.flag("json")).isTrue();
        assertThat(arguments.optional("ip")).contains("192.0.2.1");
        assertThat(Arguments.parse(List.of(), KNOWN, List.of("json"), false).flag("json")).isFalse();
        assertThatThrownBy(() -> Arguments.parse(List.of("--json", "--json"), KNOWN, List.of("json"), false))
            .isInstanceOf(UsageException.class).hasMessage("--json is given twice");
    }
}
