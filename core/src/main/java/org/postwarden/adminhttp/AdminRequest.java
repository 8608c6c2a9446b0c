package org.postwarden.adminhttp;

import java.util.Optional;

/**
 * What the guard needs of one webadmin request. Absent headers are empty; {@code shortBody} is the body when it is
 * short enough to have been read (a JSON {@code null} is four bytes), empty otherwise.
 */
public record AdminRequest(String method, String scheme, Optional<String> host, Optional<String> origin,
                           Optional<String> referer, Optional<String> secFetchSite, Optional<String> contentType,
                           Optional<String> shortBody) {
}
