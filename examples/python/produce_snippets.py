#!/usr/bin/python3
"""Produces conversation snippets to Sift's snippets topic as Avro single-object records.

Reads one JSON object per line on standard input (the fields of ConversationSnippet; only snippetId,
conversationId and text are required here, the rest get defaults) and writes each keyed by its conversation id,
so one conversation keeps its order. Uses Debian's python3-confluent-kafka and python3-avro only.

    ./produce_snippets.py --bootstrap localhost:9092 < snippets.jsonl
"""

import argparse
import datetime
import json
import sys

from confluent_kafka import Producer

import sift_avro


def snippet(fields: dict) -> dict:
    millis = int(fields.get("eventTime", datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000))
    speaker = fields.get("speaker", {})
    return {
        "snippetId": fields["snippetId"],
        "conversationId": fields["conversationId"],
        "tenant": fields.get("tenant", "default"),
        "channel": fields.get("channel", "chat"),
        "speaker": {"id": speaker.get("id", "anonymous"), "role": speaker.get("role", "CUSTOMER"),
                    "displayName": speaker.get("displayName")},
        "text": fields["text"],
        "eventTime": datetime.datetime.fromtimestamp(millis / 1000, tz=datetime.timezone.utc),
        "brandHints": fields.get("brandHints", []),
        "metadata": fields.get("metadata", {}),
        "language": fields.get("language"),
        "threadId": fields.get("threadId"),
        "replyTo": fields.get("replyTo"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", default="localhost:9092")
    parser.add_argument("--topic", default="sift.snippets")
    args = parser.parse_args()
    schema = sift_avro.load_schemas()["ConversationSnippet"]
    failures = []
    # murmur2_random hashes keys as Java clients do: a conversation lands where Java producers put it.
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True,
                         "partitioner": "murmur2_random"})

    def delivered(error, message):
        if error is not None:
            failures.append(error)

    sent = 0
    for line in sys.stdin:
        if line.strip():
            record = snippet(json.loads(line))
            producer.produce(args.topic, key=record["conversationId"].encode("utf-8"),
                             value=sift_avro.encode(schema, record), on_delivery=delivered)
            producer.poll(0)
            sent += 1
    producer.flush(30)
    if failures:
        print("failed to deliver %d snippets: %s" % (len(failures), failures[0]), file=sys.stderr)
        return 1
    print("produced %d snippets to %s" % (sent, args.topic))
    return 0


if __name__ == "__main__":
    sys.exit(main())
