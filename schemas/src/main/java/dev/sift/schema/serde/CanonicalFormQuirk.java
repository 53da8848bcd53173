package dev.sift.schema.serde;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The ways common Avro libraries write a schema's Parsing Canonical Form differently from the specification (and
 * from Java's {@link org.apache.avro.SchemaNormalization}, the reference). A single-object record carries only the
 * fingerprint of its writer's canonical form, so a reader cannot normalize the writer's schema; instead the
 * {@link SchemaCatalog} files each schema it knows under the fingerprint of each of these forms too. A schema that
 * really differs has none of them and stays unknown.
 */
public enum CanonicalFormQuirk {

    /** The specification's form: a primitive with a logical type is written as its bare name ({@code "long"}). */
    NONE(false),

    /**
     * A primitive with a logical type is written as an object without the logical type ({@code {"type":"long"}}),
     * as python3-avro 1.11.1's {@code canonical_form} does.
     */
    LOGICAL_PRIMITIVE_AS_OBJECT(true);

    private final boolean logicalPrimitiveAsObject;

    CanonicalFormQuirk(boolean logicalPrimitiveAsObject) {
        this.logicalPrimitiveAsObject = logicalPrimitiveAsObject;
    }

    /**
     * @param schema a schema
     * @return its Parsing Canonical Form as written with this quirk
     */
    public String parsingForm(Schema schema) {
        StringBuilder out = new StringBuilder();
        write(schema, new HashSet<>(), out);
        return out.toString();
    }

    // The specification's rules (PRIMITIVES, FULLNAMES, STRIP, ORDER, STRINGS), written once for every quirk.
    private void write(Schema schema, Set<String> named, StringBuilder out) {
        Schema.Type type = schema.getType();
        switch (type) {
            case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING, BYTES -> {
                String name = quoted(type.getName());
                if (logicalPrimitiveAsObject && schema.getLogicalType() != null) {
                    out.append("{\"type\":").append(name).append('}');
                } else {
                    out.append(name);
                }
            }
            case UNION -> {
                out.append('[');
                List<Schema> types = schema.getTypes();
                for (int i = 0; i < types.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(types.get(i), named, out);
                }
                out.append(']');
            }
            case ARRAY -> {
                out.append("{\"type\":\"array\",\"items\":");
                write(schema.getElementType(), named, out);
                out.append('}');
            }
            case MAP -> {
                out.append("{\"type\":\"map\",\"values\":");
                write(schema.getValueType(), named, out);
                out.append('}');
            }
            case ENUM, FIXED, RECORD -> {
                String name = quoted(schema.getFullName());
                if (!named.add(schema.getFullName())) {
                    out.append(name);
                    return;
                }
                out.append("{\"name\":").append(name).append(",\"type\":").append(quoted(type.getName()));
                if (type == Schema.Type.ENUM) {
                    out.append(",\"symbols\":[");
                    List<String> symbols = schema.getEnumSymbols();
                    for (int i = 0; i < symbols.size(); i++) {
                        out.append(i == 0 ? "" : ",").append(quoted(symbols.get(i)));
                    }
                    out.append(']');
                } else if (type == Schema.Type.FIXED) {
                    out.append(",\"size\":").append(schema.getFixedSize());
                } else {
                    out.append(",\"fields\":[");
                    List<Schema.Field> fields = schema.getFields();
                    for (int i = 0; i < fields.size(); i++) {
                        out.append(i == 0 ? "" : ",").append("{\"name\":").append(quoted(fields.get(i).name()))
                                .append(",\"type\":");
                        write(fields.get(i).schema(), named, out);
                        out.append('}');
                    }
                    out.append(']');
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("unexpected schema type " + type);
        }
    }

    /** Names and symbols are Avro identifiers (letters, digits, '_', '.'): nothing to escape. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }
}
