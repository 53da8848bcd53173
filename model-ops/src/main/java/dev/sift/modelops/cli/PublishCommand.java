package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.publish.ModelStore;
import dev.sift.modelops.publish.ReleasePublisher;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.CommandConfigOption;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes a bundle as a signed release. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Store a bundle and write a ModelRelease to the releases topic, every field signed (Ed25519).",
                "Its sequence is above every release this key signed before; releases on the topic that this key"
                        + " did not sign are ignored."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "Bundle directory.")
    Path bundle;

    @Option(names = "--store", required = true, description = "Model store directory.")
    Path store;

    @Option(names = "--signing-key", required = true, description = "PEM private key (model-ops keygen).")
    Path signingKey;

    @Option(names = "--public-key", required = true,
            description = "Its PEM public key: names the signer, and decides which releases on the topic count.")
    Path publicKey;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Mixin
    CommandConfigOption kafkaFile;

    @Option(names = "--releases-topic", description = "Releases topic (default sift.model-releases).")
    String releasesTopic;

    @Option(names = "--public-url", description = "Base URL gateways download from (default: file: URIs of the store)."
            + " Gateways fetch only from their sift.releases.stores locations: list it there.")
    String publicUrl;

    @Option(names = "--notes", defaultValue = "published by hand", description = "Release notes.")
    String notes;

    @Override
    public Integer call() {
        TopicNames names = TopicNames.defaults();
        Topics topics = new Topics(releasesTopic == null ? names : names.with(TopicRole.RELEASES, releasesTopic));
        ModelStore modelStore = new ModelStore(store.toAbsolutePath());
        URI base = publicUrl != null ? URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/")
                : modelStore.directory().toUri();
        ModelRelease release = new ReleasePublisher(modelStore, SigningKeys.readPrivateKey(signingKey),
                BundleSignatures.readPublicKey(publicKey), base, kafkaConfig(),
                topics.releases()).publish(ModelBundle.open(bundle), Map.of(), notes);
        System.out.println("published " + release.getVersion() + " (" + release.getBundleUri() + ", key "
                + release.getSigningKeyId() + ")");
        return 0;
    }

    private Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new HashMap<>(kafkaFile.settings());
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
