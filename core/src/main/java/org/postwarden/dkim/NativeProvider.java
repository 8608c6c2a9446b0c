package org.postwarden.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import java.security.Provider;

/**
 * Loads the Amazon Corretto Crypto Provider. Its classes are touched only here, so that a missing jar or native
 * library is an error {@link DkimCrypto} catches, never one of the classes that sign.
 */
final class NativeProvider {
    private NativeProvider() {
    }

    static Provider load() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = accp.getLoadingError();
        if (error != null) {
            throw new IllegalStateException("its native library did not load: " + error, error);
        }
        SelfTestStatus status = accp.runSelfTests();
        if (status != SelfTestStatus.PASSED) {
            throw new IllegalStateException("its self-tests ended " + status);
        }
        return accp;
    }
}
