package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainSpellingsTest {

    @Test
    void theUnicodeAndTheAsciiFormHaveOneAsciiSpelling() {
        assertThat(DomainSpellings.ascii("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainSpellings.ascii("XN--BCHER-KVA.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainSpellings.ascii("plain.example")).isEqualTo("plain.example");
    }

    @Test
    void allSpellingsStartWithTheAsciiForm() {
        assertThat(DomainSpellings.all("bücher.example")).containsExactly("xn--bcher-kva.example", "bücher.example");
        assertThat(DomainSpellings.all("xn--bcher-kva.example")).containsExactly("xn--bcher-kva.example", "bücher.example");
        assertThat(DomainSpellings.all("plain.example")).containsExactly("plain.example");
    }

    @Test
    void aNameThatIdna2003WouldMapToAnotherDomainKeepsItsSpelling() {
        // IDNA2008 (DNS, registries): xn--strae-oqa.example; IDNA2003 (java.net.IDN): strasse.example.
        assertThat(DomainSpellings.ascii("straße.example")).isEqualTo("straße.example");
        assertThat(DomainSpellings.all("straße.example")).containsExactly("straße.example");
    }

    @Test
    void aNameThatIsNotAnIdnKeepsItsSpelling() {
        String overlongLabel = "a".repeat(70) + ".example";

        assertThat(DomainSpellings.ascii(overlongLabel)).isEqualTo(overlongLabel);
    }
}
