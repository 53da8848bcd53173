package dev.sift.schema.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.ModelRelease;
import dev.sift.schema.serde.AvroSerde;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Releases written before the signature scheme existed still read, and say they carry no scheme. */
class ModelReleaseVersion1Test {

    @Test
    void shouldReadAVersion1ReleaseWithoutASignatureScheme() throws IOException {
        // Given a release written by a model-ops of schema version 1
        Schema v1;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("dev/sift/schema/history/ModelRelease-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericRecordBuilder(v1).set("version", "v-old").set("sequence", 7L)
                .set("bundleUri", "file:/s/v-old.sift.zip").set("sha256", "ab".repeat(32)).set("signature", "c2ln")
                .set("signingKeyId", "0123456789abcdef").set("sizeBytes", 10L).set("baseModel", "m")
                .set("intents", List.of("a")).set("metrics", Map.of()).set("createdAt", 5L).build();
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);

        // When the current code reads it
        ModelRelease read = AvroSerde.of(ModelRelease.class).deserialize("t", array);

        // Then it has no scheme, so gateways refuse it as signed the old way
        assertThat(read.getVersion()).isEqualTo("v-old");
        assertThat(read.getSignatureScheme()).isNull();
        assertThat(ReleaseSignedForm.isCurrentScheme(read)).isFalse();
    }
}
