package dev.confab.server;

import dev.confab.protocol.CertificateFingerprint;
import dev.confab.storage.AtomicFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * The server's TLS identity: an organisation's PKCS#12 keystore, or a self-signed certificate that is
 * generated on first start and kept in the server's data folder so its fingerprint stays the same.
 */
public record ServerTls(SSLContext sslContext, X509Certificate certificate, String fingerprint) {

    static final String KEYSTORE_FILE = "server-identity.p12";
    static final String PASSWORD_FILE = "server-identity.secret";
    private static final String ALIAS = "confab-server";

    /** Loads the self-signed identity from {@code dataDir}, creating it the first time. */
    public static ServerTls selfSigned(Path dataDir) throws IOException, GeneralSecurityException {
        Path keystoreFile = dataDir.resolve(KEYSTORE_FILE);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        if (!Files.exists(keystoreFile) || !Files.exists(passwordFile)) {
            generate(keystoreFile, passwordFile);
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
        return fromKeystore(keystoreFile, password);
    }

    /** Loads the first private-key entry of a PKCS#12 file. */
    public static ServerTls fromKeystore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (var in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            keyStore.load(in, password);
        }
        String alias = Collections.list(keyStore.aliases()).stream()
                .filter(a -> isKeyEntry(keyStore, a))
                .findFirst()
                .orElseThrow(() -> new GeneralSecurityException("No private key in " + file));
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return new ServerTls(context, certificate, CertificateFingerprint.of(certificate));
    }

    private static boolean isKeyEntry(KeyStore keyStore, String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void generate(Path keystoreFile, Path passwordFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        X509Certificate certificate = selfSign(keyPair);

        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new X509Certificate[]{certificate});
        var bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, password);
        AtomicFiles.write(passwordFile, new String(password).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(keystoreFile, bytes.toByteArray());
    }

    private static X509Certificate selfSign(KeyPair keyPair) throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=Confab meeting server");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames()));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot create the self-signed certificate", e);
        }
    }

    private static GeneralName[] alternativeNames() {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        } catch (IOException e) {
            // No resolvable host name: clients pin the fingerprint anyway.
        }
        return names.toArray(GeneralName[]::new);
    }
}
