package dev.stratus.functions.catalogimport;

import java.net.URI;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy (Apache-2.0) in this JVM on a loopback port, storing objects in jclouds' transient
 * (in-memory) blob store, with SigV4 authentication: the real SDK client talks to it over HTTP.
 * S3Proxy 2.6.0 refuses the SDK's default request checksums (WHEN_SUPPORTED since SDK 2.30): the
 * test client sends them only when an operation requires them (WHEN_REQUIRED); see
 * {@code CatalogImportTest#s3Proxy260RefusesTheSdksDefaultRequestChecksumsSoTheTestClientSendsThemOnlyWhenRequired}.
 */
final class LocalS3 implements AutoCloseable {
    static final String KEY = "local";
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private LocalS3(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    static LocalS3 start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        return new LocalS3(context, proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client with request checksums only when required; path-style addressing (no bucket host names on loopback). */
    S3Client client() {
        return client(RequestChecksumCalculation.WHEN_REQUIRED);
    }

    S3Client client(RequestChecksumCalculation checksums) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)   // the transient store's only location: no LocationConstraint
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(checksums)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
