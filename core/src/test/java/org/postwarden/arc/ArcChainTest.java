package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.bytes;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;

/** The structure rules of RFC 8617 §5.2 steps 1 to 3, on hand-made sets whose signatures are never reached. */
class ArcChainTest {
    @Test
    void extractShouldFindNoChainWithoutArcFields() throws Exception {
        ArcChain chain = chain(List.of());

        assertThat(chain.isEmpty()).isTrue();
        assertThat(chain.highestInstance()).isZero();
        assertThat(chain.sets()).isEmpty();
    }

    @Test
    void setsShouldGroupFieldsByInstanceInAnyOrder() throws Exception {
        List<String> fields = List.of(seal(2, "pass"), aar(1), ams(2), seal(1, "none"), aar(2), ams(1));

        List<ArcSet> sets = chain(fields).sets();

        assertThat(sets).extracting(ArcSet::instance).containsExactly(1, 2);
        assertThat(sets.get(1).seal().cv()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(sets.get(0).authenticationResults().authservId()).isEqualTo("mx1.example");
    }

    @Test
    void setsShouldFailWhenAnInstanceIsMissing() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "none"), aar(3), ams(3), seal(3, "pass")),
            ArcFailure.Reason.BROKEN_CHAIN, "no ARC set i=2");
    }

    @Test
    void setsShouldFailWhenAFieldIsDuplicated() {
        assertFailure(List.of(aar(1), ams(1), ams(1), seal(1, "none")),
            ArcFailure.Reason.BROKEN_CHAIN, "i=1 has 2 ARC-Message-Signature fields");
    }

    @Test
    void setsShouldFailWhenASetLacksAField() {
        assertFailure(List.of(ams(1), seal(1, "none")), ArcFailure.Reason.BROKEN_CHAIN,
            "i=1 has 0 ARC-Authentication-Results fields");
    }

    @Test
    void setsShouldFailBeyondFiftySets() {
        List<String> fields = IntStream.rangeClosed(1, 51)
            .mapToObj(i -> List.of(aar(i), ams(i), seal(i, i == 1 ? "none" : "pass")))
            .flatMap(List::stream).collect(Collectors.toList());

        assertFailure(fields, ArcFailure.Reason.TOO_MANY_SETS, "i=51");
    }

    @Test
    void setsShouldFailWhenTheFirstSealSaysPass() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "pass")), ArcFailure.Reason.INVALID_CV, "expected cv=none");
    }

    @Test
    void setsShouldFailWhenALaterSealSaysNone() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "none"), aar(2), ams(2), seal(2, "none")),
            ArcFailure.Reason.INVALID_CV, "expected cv=pass");
    }

    @Test
    void setsShouldFailWhenTheNewestSealSaysFail() {
        // §5.2 step 2 comes before the structure: the incomplete set 1 is not even looked at.
        assertFailure(List.of(ams(1), aar(2), ams(2), seal(2, "fail")), ArcFailure.Reason.CHAIN_FAILED, "i=2");
    }

    @Test
    void setsShouldFailWhenAnOlderSealSaysFail() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "fail"), aar(2), ams(2), seal(2, "pass")),
            ArcFailure.Reason.CHAIN_FAILED, "i=1");
    }

    @Test
    void setsShouldFailWhenAFieldHasNoInstance() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "none"), "ARC-Seal: cv=none; a=rsa-sha256; d=x.example; s=s; b=AAAA"),
            ArcFailure.Reason.MALFORMED, "ARC-Seal without a valid i=");
    }

    @Test
    void setsShouldFailWhenASealHasAnHTag() {
        assertFailure(List.of(aar(1), ams(1), seal(1, "none") + "; h=from"), ArcFailure.Reason.MALFORMED, "h=");
    }

    @Test
    void latestCvShouldReadTheSealOfTheHighestInstance() {
        assertThat(chain(List.of(seal(1, "none"), seal(2, "fail"))).latestCv()).contains(ChainValidationStatus.FAIL);
        assertThat(chain(List.of(seal(1, "none"), seal(2, "pass"), seal(2, "fail"))).latestCv()).isEmpty();
        assertThat(chain(List.of(seal(1, "none"), aar(2))).latestCv()).isEmpty();
    }

    static String aar(int i) {
        return "ARC-Authentication-Results: i=" + i + "; mx" + i + ".example; spf=pass smtp.mailfrom=origin.example";
    }

    static String ams(int i) {
        return "ARC-Message-Signature: i=" + i + "; a=rsa-sha256; c=relaxed/relaxed; d=hop" + i
            + ".example; s=arc; h=from:to; bh=AAAA; b=AAAA";
    }

    static String seal(int i, String cv) {
        return "ARC-Seal: i=" + i + "; a=rsa-sha256; cv=" + cv + "; d=hop" + i + ".example; s=arc; t=1700000000; b=AAAA";
    }

    /** The fields on top of the test message, in the given order. */
    static byte[] message(List<String> fields) {
        return bytes(fields.stream().map(f -> f + "\r\n").collect(Collectors.joining()) + MESSAGE);
    }

    private static ArcChain chain(List<String> fields) {
        return ArcChain.extract(RawMessage.parse(message(fields)));
    }

    private static void assertFailure(List<String> fields, ArcFailure.Reason reason, String messagePart) {
        assertThatThrownBy(() -> chain(fields).sets()).isInstanceOfSatisfying(ArcException.class, e -> {
            assertThat(e.failure().reason()).isEqualTo(reason);
            assertThat(e.failure().message()).contains(messagePart);
        });
    }
}
