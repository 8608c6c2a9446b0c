package org.postwarden.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;

/** The JSON errors of Postwarden's routes, in James' ErrorResponder format, one per HTTP status they use. */
public final class HttpErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static HaltException invalid(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorResponder.ErrorType.INVALID_ARGUMENT, message);
    }

    public static HaltException notFound(String message) {
        return error(HttpStatus.NOT_FOUND_404, ErrorResponder.ErrorType.NOT_FOUND, message);
    }

    public static HaltException conflict(String message) {
        return error(HttpStatus.CONFLICT_409, ErrorResponder.ErrorType.WRONG_STATE, message);
    }

    /**
     * A store that cannot be reached is the server's problem, not the caller's. The cause goes to the log only: its
     * message may quote SQL, a JDBC URL or the caller's own input, none of which the client is to see.
     */
    public static HaltException storeUnavailable(StoreUnavailableException cause) {
        LOGGER.warn(cause.summary(), cause);
        return error(HttpStatus.SERVICE_UNAVAILABLE_503, ErrorResponder.ErrorType.SERVER_ERROR,
            cause.summary() + "; the server log tells why");
    }

    private static HaltException error(int status, ErrorResponder.ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }
}
