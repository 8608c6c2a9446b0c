package org.postwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
    private final List<String> warnings = new ArrayList<>();

    private ConfigFile file(Map<String, String> values) {
        return ConfigFile.of("test.properties", values, warnings::add);
    }

    @Test
    void absentAndBlankValuesShouldTakeTheDefault() {
        ConfigFile file = file(Map.of("blank", "   "));

        assertThat(file.integer("blank", 7)).isEqualTo(7);
        assertThat(file.integer("absent", 8)).isEqualTo(8);
        assertThat(file.flag("blank", true)).isTrue();
        assertThat(file.duration("blank", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(file.list("blank")).isEmpty();
        assertThat(file.string("blank", "fallback")).isEqualTo("fallback");
    }

    @Test
    void valuesShouldBeTrimmed() {
        ConfigFile file = file(Map.of("name", "  mx.example  ", "count", " 12 ", "flag", " true\t"));

        assertThat(file.string("name", "")).isEqualTo("mx.example");
        assertThat(file.integer("count", 0)).isEqualTo(12);
        assertThat(file.flag("flag", false)).isTrue();
    }

    @Test
    void booleansShouldBeTrueOrFalseOnly() {
        assertThat(file(Map.of("a", "false")).flag("a", true)).isFalse();
        assertThatThrownBy(() -> file(Map.of("dryRun", "yes")).flag("dryRun", false))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("test.properties: dryRun=yes: expected true or false");
        assertThatThrownBy(() -> file(Map.of("dryRun", "1")).flag("dryRun", false)).isInstanceOf(ConfigurationError.class);
        assertThat(warnings).isEmpty();
    }

    @Test
    void anotherLetterCaseOfTrueShouldStillReadWithAWarning() {
        assertThat(file(Map.of("dryRun", "TRUE")).flag("dryRun", false)).isTrue();

        assertThat(warnings).containsExactly("test.properties: dryRun=TRUE: write true");
    }

    @ParameterizedTest
    @CsvSource({"1500ms, PT1.5S", "300s, PT5M", "5m, PT5M", "12h, PT12H", "2d, PT48H"})
    void durationsShouldBeANumberAndAUnit(String text, String expected) {
        assertThat(file(Map.of("delay", text)).duration("delay", Duration.ZERO)).isEqualTo(Duration.parse(expected));
        assertThat(warnings).isEmpty();
    }

    @Test
    void isoDurationsShouldStillReadWithAWarning() {
        assertThat(file(Map.of("dedupWindow", "PT12H")).duration("dedupWindow", Duration.ZERO)).isEqualTo(Duration.ofHours(12));

        assertThat(warnings).containsExactly("test.properties: dedupWindow=PT12H: ISO-8601 durations are deprecated, write 12h");
    }

    @Test
    void anotherDurationSyntaxShouldBeRefusedNamingFileKeyAndValue() {
        assertThatThrownBy(() -> file(Map.of("delay", "5 minutes")).duration("delay", Duration.ZERO))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("test.properties: delay=5 minutes: expected a duration")
            .hasMessageNotContaining("\n");
    }

    @Test
    void aZeroIntervalShouldBeRefused() {
        assertThatThrownBy(() -> file(Map.of("purge.interval", "0s")).positiveDuration("purge.interval", Duration.ofHours(1)))
            .hasMessage("test.properties: purge.interval=0s: expected a duration longer than zero");
    }

    @Test
    void durationListsShouldReadEachItem() {
        assertThat(file(Map.of("delayTime", "5m, 30m,1h")).durations("delayTime", List.of()))
            .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1));
        assertThatThrownBy(() -> file(Map.of("delayTime", "5m, soon")).durations("delayTime", List.of()))
            .hasMessageStartingWith("test.properties: delayTime=soon: expected a duration");
    }

    @Test
    void wholeNumbersShouldBeCheckedAgainstTheirRange() {
        assertThatThrownBy(() -> file(Map.of("port", "70000")).integer("port", 25, 1, 65535))
            .hasMessage("test.properties: port=70000: expected a whole number from 1 to 65535");
        assertThatThrownBy(() -> file(Map.of("count", "/24")).integer("count", 24))
            .hasMessage("test.properties: count=/24: expected a whole number");
    }

    private enum Store { JDBC, REDIS, MEMORY }

    @Test
    void choicesShouldBeLowerCaseWordsInAnyCase() {
        assertThat(file(Map.of("store", "Redis")).choice("store", Store.JDBC, Store.class)).isEqualTo(Store.REDIS);
        assertThat(file(Map.of()).choice("store", Store.JDBC, Store.class)).isEqualTo(Store.JDBC);
        assertThatThrownBy(() -> file(Map.of("store", "postgres")).choice("store", Store.JDBC, Store.class))
            .hasMessage("test.properties: store=postgres: expected jdbc, redis or memory");
    }

    @Test
    void listsShouldDropEmptyItems() {
        assertThat(file(Map.of("hosts", " a.example, ,b.example ,")).list("hosts")).containsExactly("a.example", "b.example");
    }

    @Test
    void aParserFailureShouldNameFileKeyAndValue() {
        assertThatThrownBy(() -> file(Map.of("limit", "ten")).parsed("limit", 0, text -> {
            throw new IllegalArgumentException("not a limit");
        })).hasMessage("test.properties: limit=ten: not a limit");
    }

    @Test
    void anUnknownKeyShouldBeAnErrorNamingIt() {
        ConfigFile file = file(Map.of("dealy", "5m", "delay", "1m"));
        file.duration("delay", Duration.ZERO);

        assertThatThrownBy(file::rejectUnknownKeys)
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("test.properties: dealy=5m: unknown key; known keys: delay");
    }

    @Test
    void everyUnknownKeyShouldBeNamed() {
        ConfigFile file = file(Map.of("a", "1", "b", "2", "known", "3"));
        file.string("known", "");

        assertThatThrownBy(file::rejectUnknownKeys).hasMessage("test.properties: a=1: unknown key; also unknown: b; known keys: known");
    }

    @Test
    void keysUnderAPrefixShouldCountAsKnown() {
        ConfigFile file = file(Map.of("user.messages", "5/1m", "user.example.com.messages", "1/1m", "username", "x"));

        assertThat(file.under("user")).containsOnlyKeys("user.messages", "user.example.com.messages");
        assertThatThrownBy(file::rejectUnknownKeys).hasMessageStartingWith("test.properties: username=x: unknown key");
    }

    @Test
    void anOldSpellingShouldReadAsTheNewOneWithAWarning() {
        ConfigFile file = file(Map.of("oldName", "12")).renamed("oldName", "newName");

        assertThat(file.integer("newName", 0)).isEqualTo(12);
        file.rejectUnknownKeys();
        assertThat(warnings).containsExactly("test.properties: oldName is deprecated, write newName");
    }

    @Test
    void aRuleBetweenValuesShouldNameTheFile() {
        assertThatThrownBy(() -> file(Map.of()).check(() -> {
            throw new IllegalArgumentException("retry.window (PT1M) must be longer than delay (PT5M)");
        })).isInstanceOf(ConfigurationError.class)
            .hasMessage("test.properties: retry.window (PT1M) must be longer than delay (PT5M)");
    }

    @Test
    void theErrorShouldBeFoundUnderWrappingExceptions() {
        ConfigurationError error = new ConfigurationError("a.properties", "k", "v", "bad");

        assertThat(ConfigurationError.causing(new IllegalStateException("injector", new RuntimeException(error))))
            .contains(error);
        assertThat(ConfigurationError.causing(new IllegalStateException("other"))).isEmpty();
    }
}
