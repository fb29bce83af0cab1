package dev.confab.signaling;

import dev.confab.protocol.CertificateFingerprint;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Accepts a server certificate that the system trust store accepts (including host name checks), or one
 * whose fingerprint equals the pinned one. Remembers what it saw so a refusal can be explained.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    enum Verdict { NOT_CHECKED, TRUSTED, UNTRUSTED, CHANGED }

    private final String pinned;
    private final X509ExtendedTrustManager system;
    private volatile Verdict verdict = Verdict.NOT_CHECKED;
    private volatile String presentedFingerprint;

    PinningTrustManager(String pinned) {
        this.pinned = pinned;
        this.system = systemTrustManager();
    }

    Verdict verdict() {
        return verdict;
    }

    String presentedFingerprint() {
        return presentedFingerprint;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, () -> system.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, () -> system.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> system.checkServerTrusted(chain, authType));
    }

    private interface SystemCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, SystemCheck systemCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            verdict = Verdict.UNTRUSTED;
            throw new CertificateException("The server sent no certificate");
        }
        presentedFingerprint = CertificateFingerprint.of(chain[0]);
        if (presentedFingerprint.equals(pinned)) {
            verdict = Verdict.TRUSTED;
            return;
        }
        try {
            systemCheck.run();
            verdict = Verdict.TRUSTED;
        } catch (CertificateException e) {
            verdict = pinned == null ? Verdict.UNTRUSTED : Verdict.CHANGED;
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("Client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("Client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager systemTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No system X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the system trust store", e);
        }
    }
}
