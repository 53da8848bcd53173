package dev.sift.schema.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * A specific-record reader that refuses strings which are not valid UTF-8. Avro's own reader decodes them with
 * {@code new String(bytes, UTF_8)}, which silently turns every bad sequence into U+FFFD: a snippet would then be
 * scored on text its producer never wrote, with nothing to say so.
 *
 * @param <T> the generated record type
 */
final class StrictUtf8DatumReader<T> extends SpecificDatumReader<T> {

    // Decoders are stateful: one per thread, as Avro's readers are shared across stream threads.
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    StrictUtf8DatumReader(Schema writer, Schema reader, SpecificData model) {
        super(writer, reader, withoutFastPaths(model));
    }

    /**
     * Generated classes decode themselves ("custom coders") and Avro may build its own "fast reader": both read
     * strings straight from the decoder, around this reader. A copy of the model with both off, and the same
     * logical-type conversions.
     */
    private static SpecificData withoutFastPaths(SpecificData model) {
        SpecificData strict = new SpecificData(model.getClassLoader());
        strict.setCustomCoders(false);
        strict.setFastReaderEnabled(false);
        model.getConversions().forEach(strict::addLogicalTypeConversion);
        return strict;
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
        Utf8 utf8 = in.readString(null);
        String text = strictlyDecoded(utf8);
        Class<?> stringClass = findStringClass(expected);
        if (stringClass == String.class) {
            return text;
        }
        return stringClass == CharSequence.class ? utf8 : newInstanceFromString(stringClass, text);
    }

    @Override
    protected Object readString(Object old, Decoder in) throws IOException {
        Utf8 utf8 = in.readString(old instanceof Utf8 reuse ? reuse : null);
        strictlyDecoded(utf8);
        return utf8;
    }

    /** Decodes once, refusing malformed input: the result is the field's value, not a second decoding of it. */
    private static String strictlyDecoded(Utf8 utf8) {
        try {
            return UTF8.get().reset().decode(ByteBuffer.wrap(utf8.getBytes(), 0, utf8.getByteLength())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUtf8Exception(describe(utf8.getBytes(), utf8.getByteLength()));
        }
    }

    private static String describe(byte[] bytes, int length) {
        int shown = Math.min(length, 24);
        return length + " bytes starting " + java.util.HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown)
                + (length > shown ? " ..." : "");
    }

    /** A string field whose bytes are not valid UTF-8. */
    static final class InvalidUtf8Exception extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(String message) {
            super(message);
        }
    }
}
