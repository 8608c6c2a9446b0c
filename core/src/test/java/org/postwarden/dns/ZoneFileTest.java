package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileTest {
    @TempDir
    Path directory;

    private Path write(String json, Instant modified) throws Exception {
        Path file = directory.resolve("zone.json");
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void lookupShouldSeeARecordPublishedAfterLoading() throws Exception {
        Path file = write("{}", Instant.parse("2026-11-22T10:00:00Z"));
        ZoneFile zone = ZoneFile.load(file);
        assertThat(zone.lookup("example.com", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);

        write("{\"example.com\": [{\"TXT\": \"v=spf1 -all\"}]}", Instant.parse("2026-11-22T10:01:00Z"));

        assertThat(zone.lookup("example.com", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
    }

    @Test
    void anInvalidChangeShouldKeepThePreviousData() throws Exception {
        Path file = write("{\"example.com\": [{\"A\": \"192.0.2.1\"}]}", Instant.parse("2026-11-22T10:00:00Z"));
        ZoneFile zone = ZoneFile.load(file);

        write("{\"example.com\": [{\"A\": ", Instant.parse("2026-11-22T10:01:00Z"));

        assertThat(zone.lookup("example.com", RecordType.A).status()).isEqualTo(DnsAnswer.Status.FOUND);
    }
}
