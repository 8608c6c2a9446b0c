package org.postwarden.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;
import org.postwarden.hygiene.HygieneVerdict.Status;

class MessageHygieneTest {
    private static final String HOST = "mail.example.net";
    private static final String DATE = "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n";
    private static final String MESSAGE_ID = "Message-ID: <1@example.com>\r\n";
    private final MessageHygiene hygiene =
        new MessageHygiene(Clock.fixed(Instant.parse("2026-03-05T08:09:10Z"), ZoneOffset.ofHours(1)));

    private HygieneVerdict check(String message) {
        return check(message.getBytes(StandardCharsets.UTF_8));
    }

    private HygieneVerdict check(byte[] message) {
        return hygiene.check(RawMessage.parse(message), HOST);
    }

    private static String complete(String headers) {
        return headers + DATE + MESSAGE_ID + "Subject: hi\r\n\r\nbody\r\n";
    }

    private static void assertRefused(HygieneVerdict verdict, String enhancedCode, String reason) {
        assertThat(verdict.status()).isEqualTo(Status.REFUSE);
        assertThat(verdict.enhancedCode()).isEqualTo(enhancedCode);
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    @Nested
    class AddedFields {
        @Test
        void aCompleteMessageShouldBeTakenAsItIs() {
            assertThat(check(complete("From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n")).status()).isEqualTo(Status.OK);
        }

        @Test
        void aMissingDateShouldBeAddedAtTheTimeOfAcceptanceInRfc5322Format() {
            HygieneVerdict verdict = check("From: alice@example.com\r\n" + MESSAGE_ID + "\r\nbody\r\n");

            assertThat(verdict.status()).isEqualTo(Status.ADD_FIELDS);
            assertThat(verdict.addedFields()).containsExactly("Date: Thu, 5 Mar 2026 09:09:10 +0100");
        }

        @Test
        void aMissingMessageIdShouldBeRandomAtTheFromDomain() {
            HygieneVerdict first = check("From: Alice <alice@Example.com>\r\n" + DATE + "\r\nbody\r\n");
            HygieneVerdict second = check("From: Alice <alice@Example.com>\r\n" + DATE + "\r\nbody\r\n");

            assertThat(first.addedFields()).singleElement().asString().matches("Message-ID: <[0-9a-f-]{36}@example\\.com>");
            assertThat(second.addedFields()).isNotEqualTo(first.addedFields());
        }

        @Test
        void bothShouldBeAddedDateFirst() {
            assertThat(check("From: alice@example.com\r\n\r\nbody\r\n").addedFields())
                .extracting(field -> field.substring(0, field.indexOf(':')))
                .containsExactly("Date", "Message-ID");
        }

        @Test
        void theMessageIdShouldUseTheSenderDomainWhenThereIsASender() {
            HygieneVerdict verdict = check("From: a@one.example, b@two.example\r\nSender: b@two.example\r\n" + DATE + "\r\n");

            assertThat(verdict.addedFields()).singleElement().asString().endsWith("@two.example>");
        }

        @Test
        void theMessageIdShouldUseTheHostNameForAnAddressLiteral() {
            HygieneVerdict verdict = check("From: alice@[192.0.2.1]\r\n" + DATE + "\r\n");

            assertThat(verdict.addedFields()).singleElement().asString().endsWith("@" + HOST + ">");
        }

        @Test
        void fieldNamesShouldMatchIgnoringCase() {
            assertThat(check("FROM: alice@example.com\r\ndate: Sun, 22 Nov 2026 10:00:00 +0000\r\nmessage-id: <1@x>\r\n\r\n").status())
                .isEqualTo(Status.OK);
        }

        @Test
        void aHeaderOnlyMessageShouldBeChecked() {
            assertThat(check("From: alice@example.com").addedFields()).hasSize(2);
            assertRefused(check("To: bob@example.org"), "5.6.0", "the message has no From header field (RFC 5322 section 3.6)");
        }
    }

    @Nested
    class From {
        @Test
        void aMessageWithoutFromShouldBeRefused() {
            assertRefused(check(complete("To: bob@example.org\r\n")), "5.6.0", "the message has no From header field (RFC 5322 section 3.6)");
        }

        @Test
        void twoFromFieldsShouldBeRefused() {
            assertRefused(check(complete("From: alice@example.com\r\nFrom: alice@example.com\r\n")), "5.6.0",
                "the message has more than one From header field (RFC 5322 section 3.6 allows one)");
        }

        @Test
        void aFromWithTwoAddressesAndNoSenderShouldBeRefused() {
            assertRefused(check(complete("From: alice@example.com, carol@example.com\r\n")), "5.6.0",
                "the From header field holds 2 addresses and there is no Sender header field naming the one who sent it (RFC 5322 section 3.6.2)");
        }

        @Test
        void aFromWithTwoAddressesAndASenderShouldBeAccepted() {
            assertThat(check(complete("From: alice@example.com, carol@example.com\r\nSender: alice@example.com\r\n")).status())
                .isEqualTo(Status.OK);
        }

        @Test
        void aSenderWithTwoAddressesShouldBeRefused() {
            assertRefused(check(complete("From: alice@example.com\r\nSender: alice@example.com, carol@example.com\r\n")), "5.6.0",
                "the Sender header field must hold exactly one address (RFC 5322 section 3.6.2)");
        }

        @Test
        void aFromWithAnEmptyGroupOnlyShouldBeRefused() {
            assertRefused(check(complete("From: nobody:;\r\n")), "5.6.0", "the From header field holds no address");
        }

        @Test
        void anEmptyFromShouldBeRefused() {
            assertRefused(check(complete("From:  \r\n")), "5.6.0", "the From header field is empty");
        }
    }

    @Nested
    class AddressFields {
        @Test
        void aMalformedToShouldBeRefusedNamingTheField() {
            assertRefused(check(complete("From: alice@example.com\r\nTo: Bob <bob@example.org\r\n")), "5.6.0",
                "the To header field is not a valid RFC 5322 address list");
        }

        @Test
        void everyAddressFieldShouldBeParsed() {
            for (String name : new String[] {"From", "Sender", "Reply-To", "Cc", "Bcc"}) {
                String from = name.equals("From") ? "" : "From: alice@example.com\r\n";
                assertRefused(check(complete(from + name + ": not an address\r\n")), "5.6.0",
                    "the " + name + " header field is not a valid RFC 5322 address list");
            }
        }

        @Test
        void anAddressWithoutDomainShouldBeRefused() {
            assertThat(check(complete("From: alice\r\n")).reason()).isEqualTo("the From header field is not a valid RFC 5322 address list");
        }

        @Test
        void anEmptyBccShouldBeAcceptedButNotAnEmptyTo() {
            assertThat(check(complete("From: alice@example.com\r\nBcc:\r\n")).status()).isEqualTo(Status.OK);
            assertRefused(check(complete("From: alice@example.com\r\nTo:\r\n")), "5.6.0", "the To header field is empty");
        }

        @Test
        void groupsShouldBeAcceptedInTo() {
            assertThat(check(complete("From: alice@example.com\r\nTo: undisclosed-recipients:;\r\n")).status()).isEqualTo(Status.OK);
        }

        @Test
        void foldedAddressFieldsShouldBeUnfoldedBeforeParsing() {
            assertThat(check(complete("From: \"Alice\r\n Liddell\" <alice@example.com>\r\nTo: bob@example.org,\r\n\tcarol@example.org\r\n")).status())
                .isEqualTo(Status.OK);
        }
    }

    @Nested
    class Duplicates {
        @Test
        void everyFieldAllowedOnceShouldBeRefusedTwice() {
            for (String field : new String[] {"Date: Mon, 23 Nov 2026 10:00:00 +0000", "Message-ID: <2@example.com>", "Subject: again",
                "To: bob@example.org", "Cc: bob@example.org", "Bcc: bob@example.org", "Reply-To: bob@example.org", "Sender: alice@example.com",
                "In-Reply-To: <0@example.com>", "References: <0@example.com>"}) {
                String name = field.substring(0, field.indexOf(':'));
                String twice = name.equals("Date") || name.equals("Message-ID") || name.equals("Subject") ? field : field + "\r\n" + field;
                assertRefused(check(complete("From: alice@example.com\r\n" + twice + "\r\n")), "5.6.0",
                    "the message has more than one " + name + " header field (RFC 5322 section 3.6 allows one)");
            }
        }

        @Test
        void repeatableFieldsShouldBeAccepted() {
            assertThat(check(complete("From: alice@example.com\r\nReceived: by a\r\nReceived: by b\r\nComments: x\r\nComments: y\r\n")).status())
                .isEqualTo(Status.OK);
        }
    }

    @Nested
    class NonAscii {
        @Test
        void anEightBitSubjectShouldBeRefusedWith567() {
            HygieneVerdict verdict = check("From: alice@example.com\r\nSubject: Grüße\r\n" + DATE + MESSAGE_ID + "\r\nbody\r\n");

            assertRefused(verdict, "5.6.7", "the Subject header field holds non-ASCII octets, which need SMTPUTF8 (RFC 6531)"
                + " and this server does not offer it: encode them as RFC 2047 encoded-words");
        }

        @Test
        void anEightBitByteInAFoldedContinuationShouldBeFound() {
            assertThat(check(complete("From: alice@example.com\r\nX-Note: a\r\n b\u00e9\r\n")).enhancedCode()).isEqualTo("5.6.7");
        }

        @Test
        void anEightBitFieldNameShouldNotBeEchoed() {
            byte[] message = complete("From: alice@example.com\r\nX-\u00e9: a\r\n").getBytes(StandardCharsets.ISO_8859_1);

            assertThat(check(message).reason()).startsWith("a header field name holds non-ASCII octets");
        }

        @Test
        void anEightBitBodyShouldBeAccepted() {
            assertThat(check(complete("From: alice@example.com\r\n") + "Grüße\r\n").status()).isEqualTo(Status.OK);
        }

        @Test
        void anRfc2047EncodedWordShouldBeAccepted() {
            assertThat(check(complete("From: alice@example.com\r\nX-Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n")).status())
                .isEqualTo(Status.OK);
        }
    }

    @Nested
    class LineEndings {
        @Test
        void bareLineFeedsShouldBeReadAsCrlf() {
            assertThat(check("From: alice@example.com\nTo: bob@example.org,\n carol@example.org\n\nbody\n").addedFields()).hasSize(2);
            assertRefused(check("From: a@example.com\nFrom: b@example.com\n\nbody\n"), "5.6.0",
                "the message has more than one From header field (RFC 5322 section 3.6 allows one)");
        }

        @Test
        void aFromLikeLineInTheBodyShouldNotCount() {
            assertThat(check(complete("From: alice@example.com\r\n") + "From: someone@else.example\r\n").status()).isEqualTo(Status.OK);
        }
    }
}
