"""Sift's wire formats in Python, with Debian's python3-avro (1.11) only.

Avro single-object encoding is C3 01, the writer schema's CRC-64-AVRO fingerprint (8 bytes, little-endian) and the
binary record. python3-avro 1.11 has no single-object encoder and no fingerprint function; both are a few lines.
The fingerprint is taken of `schema.canonical_form` as python3-avro writes it: the gateway accepts it although it
writes a logical type as {"type":"long"} where the Avro specification writes "long".
"""

import io
import json
import os
import struct

import avro.io
import avro.name
import avro.schema

MARKER = b"\xc3\x01"
_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp)

# Where the schemas are in a clone of the repository; the types other schemas use come first.
SCHEMA_DIR = os.environ.get("SIFT_SCHEMA_DIR",
                            os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas", "src",
                                         "main", "avro"))
_TYPES = ["Polarity", "IntentScore", "ReputationScores", "ForwardReason", "AppliedPolicy"]


def fingerprint64(data: bytes) -> int:
    """CRC-64-AVRO (Rabin) of bytes, as the Avro specification defines it."""
    fp = _EMPTY
    for byte in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp


def spec_canonical_form(schema_json, named=None) -> str:
    """The specification's Parsing Canonical Form (what Java writes), from a schema's JSON (schema.to_json())."""
    named = set() if named is None else named
    if isinstance(schema_json, str):
        return json.dumps(schema_json)
    if isinstance(schema_json, list):
        return "[" + ",".join(spec_canonical_form(branch, named) for branch in schema_json) + "]"
    kind = schema_json["type"]
    if kind in ("record", "enum", "fixed", "error"):
        name = schema_json["name"]
        if "namespace" in schema_json and "." not in name and schema_json["namespace"]:
            name = schema_json["namespace"] + "." + name
        if name in named:
            return json.dumps(name)
        named.add(name)
        out = '{"name":' + json.dumps(name) + ',"type":' + json.dumps(kind)
        if kind == "enum":
            out += ',"symbols":' + json.dumps(schema_json["symbols"], separators=(",", ":"))
        elif kind == "fixed":
            out += ',"size":' + str(schema_json["size"])
        else:
            out += ',"fields":[' + ",".join('{"name":' + json.dumps(f["name"]) + ',"type":'
                                            + spec_canonical_form(f["type"], named) + "}"
                                            for f in schema_json["fields"]) + "]"
        return out + "}"
    if kind == "array":
        return '{"type":"array","items":' + spec_canonical_form(schema_json["items"], named) + "}"
    if kind == "map":
        return '{"type":"map","values":' + spec_canonical_form(schema_json["values"], named) + "}"
    return json.dumps(kind)  # a primitive, with or without a logical type


def load_schemas(directory: str = SCHEMA_DIR) -> dict:
    """Every Sift schema of a directory by simple name (ConversationSnippet, LlmRequest, SnippetFeedback, ...)."""
    names = avro.name.Names()
    schemas = {}
    # The order of schemas/pom.xml's imports: ContextTurn names the SpeakerRole that ConversationSnippet defines.
    order = [os.path.join("types", t + ".avsc") for t in _TYPES] + ["ConversationSnippet.avsc", "FilterPolicy.avsc",
                                                                     os.path.join("types", "ContextTurn.avsc")]
    order += sorted(f for f in os.listdir(directory) if f.endswith(".avsc") and f not in order)
    for file in order:
        with open(os.path.join(directory, file), encoding="utf-8") as handle:
            schema = avro.schema.make_avsc_object(json.load(handle), names)
        schemas[schema.name] = schema
    return schemas


def fingerprints(schema) -> set:
    """The fingerprints a writer of this schema may put on its records: the specification's and python3-avro's."""
    return {fingerprint64(spec_canonical_form(schema.to_json()).encode("utf-8")),
            fingerprint64(schema.canonical_form.encode("utf-8"))}


def encode(schema, datum: dict) -> bytes:
    """One record as Avro single-object encoding (the fingerprint of python3-avro's canonical form)."""
    out = io.BytesIO()
    out.write(MARKER)
    out.write(struct.pack("<Q", fingerprint64(schema.canonical_form.encode("utf-8"))))
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(out))
    return out.getvalue()


def decode(schema, value: bytes) -> dict:
    """One single-object record of this schema; a ValueError when it is of another schema or not one at all."""
    if value[:2] != MARKER or len(value) < 10:
        raise ValueError("not an Avro single-object record")
    fingerprint = struct.unpack("<Q", value[2:10])[0]
    if fingerprint not in fingerprints(schema):
        raise ValueError("written with schema fingerprint %016x, not %s's" % (fingerprint, schema.name))
    return avro.io.DatumReader(schema, schema).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
