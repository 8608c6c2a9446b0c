package org.postwarden.bench.dkim;

import com.google.common.base.Preconditions;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic messages shaped like a reply sent from a mail client: a submission Received field, From, To, Cc,
 * Subject, Date, Message-ID, In-Reply-To, References (folded), User-Agent and the MIME fields, then a plain-text
 * body of exactly the requested size in lines of up to 72 characters ending with CRLF, in paragraphs separated
 * by blank lines. 900 octets of header; nothing for relaxed canonicalization to rewrite in the body, as in
 * most mail.
 */
final class MailCorpus {
    static final String FROM_DOMAIN = "example.com";
    private static final int LINE_WIDTH = 72;
    private static final int MIN_BODY = 64;
    private static final String[] WORDS = ("the quarterly figures are attached as discussed during yesterday's "
        + "call please review the delivery report before friday we noticed that bounce rates for the new "
        + "campaign went up after the provider changed its policy so the team proposes to warm up the second "
        + "address block more slowly and to publish a stricter DMARC record once every sending service signs "
        + "with its own selector let me know whether the numbers below match yours regards and thanks again "
        + "for the quick answer about greylisting retries on the secondary exchanger").split(" ");
    private static final String HEADER = String.join("\r\n",
        "Received: from [192.0.2.45] (client.example.com [192.0.2.45])",
        "\tby smtp.example.com (Postwarden) with ESMTPSA id 4VWx2k1Zq9z",
        "\tfor <bob@example.net>; Thu, 02 May 2024 09:14:58 +0000",
        "From: Alice Martin <alice.martin@" + FROM_DOMAIN + ">",
        "To: Bob Durand <bob@example.net>",
        "Cc: Deliverability Team <deliverability@" + FROM_DOMAIN + ">, carol@example.org",
        "Subject: Re: Q2 delivery report and the DMARC rollout plan",
        "Date: Thu, 02 May 2024 09:14:57 +0000",
        "Message-ID: <6f1c2a9e-3b7d-4e52-9a10-0c8d2f4b7e31@" + FROM_DOMAIN + ">",
        "In-Reply-To: <CAF4x9Lq2vR8s1Tn0pYk7mZ3bW5hJ6dE@mail.example.net>",
        "References: <20240425081203.GA1337@mail.example.net>",
        " <CAF4x9Lq2vR8s1Tn0pYk7mZ3bW5hJ6dE@mail.example.net>",
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1",
        "Content-Language: en-US",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8; format=flowed",
        "Content-Transfer-Encoding: 7bit",
        "",
        "");

    private MailCorpus() {
    }

    /** The header above, a blank line, and {@code bodySize} octets of body. */
    static byte[] message(int bodySize) {
        Preconditions.checkArgument(bodySize >= MIN_BODY, "body of at least %s octets, got %s", MIN_BODY, bodySize);
        StringBuilder message = new StringBuilder(HEADER.length() + bodySize).append(HEADER);
        message.append(body(bodySize));
        return message.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The same message with Reply-To in place of Cc, the same size: a signer that reuses what it chose for the
     * previous message's fields (h=, which fields it covers) must choose again for each of the two in turn.
     */
    static byte[] messageWithOtherFields(int bodySize) {
        String cc = "Cc: Deliverability Team <deliverability@" + FROM_DOMAIN + ">, carol@example.org\r\n";
        String replyTo = "Reply-To: Deliverability Team <deliverability@" + FROM_DOMAIN + ">, carol@e.org\r\n";
        byte[] message = message(bodySize);
        String text = new String(message, StandardCharsets.US_ASCII);
        Preconditions.checkState(text.contains(cc) && cc.length() == replyTo.length(), "the corpus header changed");
        return text.replace(cc, replyTo).getBytes(StandardCharsets.US_ASCII);
    }

    static int headerSize() {
        return HEADER.length();
    }

    private static String body(int size) {
        SplittableRandom random = new SplittableRandom(size);
        StringBuilder body = new StringBuilder(size + LINE_WIDTH * 2);
        StringBuilder line = new StringBuilder(LINE_WIDTH + 16);
        while (body.length() < size) {
            int lines = 3 + random.nextInt(6);
            for (int i = 0; i < lines; i++) {
                line.setLength(0);
                int width = LINE_WIDTH - random.nextInt(16);
                while (true) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    if (line.length() + 1 + word.length() > width) {
                        break;
                    }
                    line.append(line.length() == 0 ? "" : " ").append(word);
                }
                body.append(line).append("\r\n");
            }
            body.append("\r\n");
        }
        // Cut to size, ending with a whole CRLF after a non-empty last line.
        body.setLength(size - 3);
        if (body.charAt(body.length() - 1) == '\r' || body.charAt(body.length() - 1) == '\n') {
            body.setCharAt(body.length() - 1, '.');
        }
        if (body.charAt(body.length() - 2) == '\r') {
            body.setCharAt(body.length() - 2, '.');
        }
        return body.append(".\r\n").toString();
    }
}
