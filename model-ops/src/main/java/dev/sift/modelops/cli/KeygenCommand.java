package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.modelops.publish.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes an Ed25519 key pair for signing releases. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Make an Ed25519 key pair: <name>.key (private, signs releases) and <name>.pub (gateways trust it).")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "keys", description = "Folder (default ./keys).")
    Path out;

    @Option(names = "--name", defaultValue = "sift-release", description = "File name stem (default sift-release).")
    String name;

    @Override
    public Integer call() {
        KeyPair pair = SigningKeys.generate();
        SigningKeys.write(pair, out, name);
        System.out.println("key id " + BundleSignatures.keyId(pair.getPublic()) + ": " + out.resolve(name + ".key")
                + " (keep secret), " + out.resolve(name + ".pub") + " (give to gateways)");
        return 0;
    }
}
