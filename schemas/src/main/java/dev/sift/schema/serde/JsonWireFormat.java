package dev.sift.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record as one JSON object ({@link WireFormat#JSON}), read strictly and within the decoding limits
 * ({@link JsonRecordReader}). A record read from JSON goes through the same Avro reader as one read from Avro
 * (strict UTF-8, the same record class), so both formats give the same record and the same field rules downstream.
 *
 * <p>Instances are thread-safe.
 *
 * @param <T> the generated record type
 */
public final class JsonWireFormat<T extends SpecificRecord> implements AvroWireFormat<T> {

    private final AvroBodyReader<T> body;
    private final JsonRecordReader json;
    private final StrictUtf8DatumReader<T> reader;
    private final Schema schema;

    /**
     * @param type the generated record class
     * @param limits what a record read may expand to
     * @param unknownFields what to do with a field the record type does not have
     */
    public JsonWireFormat(Class<T> type, DecodingLimits limits, UnknownJsonFields unknownFields) {
        this.body = new AvroBodyReader<>(type, limits);
        this.schema = body.readerSchema();
        this.json = new JsonRecordReader(schema, limits, unknownFields, type.getSimpleName());
        this.reader = body.readerFor(schema);
    }

    @Override
    public byte[] encode(T record) {
        try {
            ByteArrayOutputStream binary = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(binary, null);
            new SpecificDatumWriter<T>(schema, body.model()).write(record, out);
            GenericRecord generic = new GenericDatumReader<GenericRecord>(schema, schema, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(binary.toByteArray(), null));
            return JsonRecordWriter.write(generic);
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("cannot encode " + body.typeName() + " as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        body.checkSize(bytes);
        GenericData.Record record = json.read(bytes);
        ByteArrayOutputStream binary = new ByteArrayOutputStream(bytes.length);
        try {
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(binary, null);
            new GenericDatumWriter<GenericData.Record>(schema, GenericData.get()).write(record, out);
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("JSON " + body.typeName() + " record cannot be encoded: "
                    + e.getMessage(), e);
        }
        return body.read(schema, reader, binary.toByteArray(), 0, "");
    }
}
