package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsAddressTest {
    @Test
    void srs0ShouldGiveItsFields() throws SrsException {
        SrsAddress.Srs0 srs0 = (SrsAddress.Srs0) SrsAddress.parse("SRS0=XjO9=2V=otherdomain.com=test@example.com");

        assertThat(srs0).isEqualTo(new SrsAddress.Srs0('=', "XjO9", new SrsTimestamp(853), "otherdomain.com", "test",
            "example.com"));
        assertThat(srs0.originalAddress()).isEqualTo("test@otherdomain.com");
        assertThat(srs0.address()).isEqualTo("SRS0=XjO9=2V=otherdomain.com=test@example.com");
    }

    @Test
    void srs0LocalPartShouldKeepItsSeparatorsAndAtSigns() throws SrsException {
        SrsAddress.Srs0 srs0 = (SrsAddress.Srs0) SrsAddress.parse("srs0+h=AA=d.example=a=b\"@\"c@x.example");

        assertThat(srs0.separator()).isEqualTo('+');
        assertThat(srs0.originalLocalPart()).isEqualTo("a=b\"@\"c");
        assertThat(srs0.host()).isEqualTo("x.example");
        assertThat(srs0.address()).isEqualTo("SRS0+h=AA=d.example=a=b\"@\"c@x.example");
    }

    @Test
    void srs1ShouldGiveTheFirstForwarderAndItsSrs0Address() throws SrsException {
        SrsAddress.Srs1 srs1 =
            (SrsAddress.Srs1) SrsAddress.parse("Srs1-JIBX=thirddomain.com==opaque+string@example.com");

        assertThat(srs1)
            .isEqualTo(new SrsAddress.Srs1('-', "JIBX", "thirddomain.com", "=opaque+string", "example.com"));
        assertThat(srs1.srs0Address()).isEqualTo("SRS0=opaque+string@thirddomain.com");
        assertThat(srs1.address()).isEqualTo("SRS1-JIBX=thirddomain.com==opaque+string@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com", "SRS0@example.com", "SRS0_h=AA=d=l@example.com", "SRS0=h=AA=d=l",
        "SRS2=h=AA=d=l@example.com", "ſRS0=h=AA=d.example=l@example.com", ""})
    void addressWithoutAnSrsTagShouldBeNotSrs(String address) {
        assertThatThrownBy(() -> SrsAddress.parse(address)).isInstanceOfSatisfying(SrsException.class,
            e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.NOT_SRS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SRS0=@example.com", "SRS0=h@example.com", "SRS0=h=AA@example.com",
        "SRS0=h=AA=d.example@example.com", "SRS0=h=AA=d.example=@example.com", "SRS0=h=A=d.example=l@example.com",
        "SRS0=h=AA=1=KEY@example.com", "SRS1=@example.com", "SRS1=h=fwd.example@example.com",
        "SRS1=h==x@example.com", "SRS1=h=fwd.example=@example.com"})
    void missingOrUnreadableFieldShouldBeMalformed(String address) {
        assertThatThrownBy(() -> SrsAddress.parse(address)).isInstanceOfSatisfying(SrsException.class,
            e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.MALFORMED));
    }

    @Test
    void malformedMessageShouldNameTheMissingField() {
        assertThatThrownBy(() -> SrsAddress.parse("SRS0=XjO9=2V@example.com"))
            .hasMessage("malformed address: \"SRS0=XjO9=2V@example.com\" has no original domain");
        assertThatThrownBy(() -> SrsAddress.parse("SRS0=bxzH=2W=1=DCJG@example.com"))
            .hasMessage("malformed address: \"1\" in \"SRS0=bxzH=2W=1=DCJG@example.com\" is not a domain name");
    }
}
