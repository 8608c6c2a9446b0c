package org.postwarden.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class FuzzTest {
    private static final Function<Random, Integer> NUMBERS = random -> random.nextInt(1000);

    @Test
    void aFailureShouldNameThePropertySeedCaseAndInput() {
        IllegalStateException crash = new IllegalStateException("crash");

        assertThatThrownBy(() -> Fuzz.run("no crash", 10, 42L, null, random -> "line\r\nbreak\u0000 é", input -> {
            throw crash;
        }))
            .isInstanceOf(AssertionError.class)
            .hasMessage("no crash failed on case 0 of 10, seed 42 (replay with -Dpostwarden.fuzz.seed=42, add"
                + " -Dpostwarden.fuzz.case=0 for this case alone): \"line\\r\\nbreak\\u0000 é\"")
            .hasCause(crash);
    }

    @Test
    void theSameSeedShouldReplayTheSameInputs() {
        assertThat(inputs(7L, null)).isEqualTo(inputs(7L, null)).isNotEqualTo(inputs(8L, null));
    }

    @Test
    void oneCaseShouldBeReplayedAlone() {
        assertThat(inputs(7L, 3)).containsExactly(inputs(7L, null).get(3));
    }

    @Test
    void theFirstFailingCaseShouldBeReported() {
        List<Integer> inputs = inputs(7L, null);
        int firstLarge = inputs.indexOf(inputs.stream().filter(n -> n >= 900).findFirst().orElseThrow());

        assertThatThrownBy(() -> Fuzz.run("small", 100, 7L, null, NUMBERS, n -> assertThat(n).isLessThan(900)))
            .hasMessageStartingWith("small failed on case " + firstLarge + " of 100");
    }

    @Test
    void longInputsShouldBeShortened() {
        assertThat(Fuzz.describe("x".repeat(1000))).isEqualTo("\"" + "x".repeat(300) + "\"... (1000 chars)");
        assertThat(Fuzz.describe(new byte[] {'a', (byte) 0xFF, 0x7F})).isEqualTo("bytes \"a\u00FF\\u007F\"");
    }

    @Test
    void everyInputOfATableShouldBeChecked() {
        List<String> seen = new ArrayList<>();

        Fuzz.forEach("table", List.of("a", "b", "c"), seen::add);

        assertThat(seen).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> Fuzz.forEach("table", List.of("a", "b"), s -> assertThat(s).isEqualTo("a")))
            .hasMessage("table failed on input 1 of 2: \"b\"");
    }

    private static List<Integer> inputs(long seed, Integer onlyCase) {
        List<Integer> inputs = new ArrayList<>();
        Fuzz.run("collect", 100, seed, onlyCase, NUMBERS, inputs::add);
        return inputs;
    }
}
