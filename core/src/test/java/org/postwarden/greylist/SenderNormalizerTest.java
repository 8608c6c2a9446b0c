package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class SenderNormalizerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/greylist/sender-normalisation.csv", emptyValue = "")
    void normalizeShouldKeepOnlyTheStableMailbox(String sender, String expected) {
        assertThat(SenderNormalizer.normalize(sender)).isEqualTo(expected);
    }

    @Test
    void tripletShouldNormaliseSenderAndLowerCaseRecipient() {
        GreylistTriplet triplet = GreylistTriplet.of(InetAddresses.forString("192.0.2.77"),
            "SRS0=HHH1=2Z=example.com=alice+x@forwarder.example", " Bob+Tag@Example.NET", GreylistConfiguration.DEFAULT);

        assertThat(triplet).isEqualTo(new GreylistTriplet("192.0.2.0/24", "alice@example.com", "bob+tag@example.net"));
    }
}
