#!/usr/bin/python3
"""A reference LLM consumer of Sift: reads what the LLM should see, asks an LLM, writes what it said back.

Reads LLM requests from Sift's LLM requests topic (Avro single-object records, or JSON when the gateway writes them
as JSON: the first byte tells), asks an OpenAI-compatible chat-completions endpoint which intents the snippet
expresses, and writes the answer as a SnippetFeedback record (Avro single-object, keyed by snippet id) to the
feedback topic, where model-ops' learning loop reads it. Uses Debian's python3-confluent-kafka and python3-avro only.

    ./llm_consumer.py --bootstrap localhost:9092 --llm-url http://localhost:8000/v1 --model my-model

The LLM is asked to answer with JSON: {"intents": ["refund_request", ...], "polarity": "negative"}.
"""

import argparse
import datetime
import json
import os
import sys
import time
import urllib.request

from confluent_kafka import Consumer, Producer

import sift_avro

SYSTEM_PROMPT = ("You label customer conversation snippets. Answer with one JSON object only: "
                 '{"intents": [names of the intents the snippet expresses, lower_case_with_underscores], '
                 '"polarity": "negative" | "neutral" | "positive"}.')
POLARITIES = {"negative": "NEGATIVE", "neutral": "NEUTRAL", "positive": "POSITIVE"}


def read_request(schema, value: bytes) -> dict:
    """An LLM request as a dict, from either format; the snippet's fields are under "snippet"."""
    if value[:1] == b"{":
        return json.loads(value)
    return sift_avro.decode(schema, value)


def user_message(text: str, context: list) -> str:
    """The snippet's text; with a context-aware gateway, after the earlier turns of its thread it was judged with."""
    if not context:
        return text
    earlier = "\n".join("%s: %s" % (turn["role"], turn["text"]) for turn in context)
    return "Earlier in this thread:\n%s\n\nLabel only this turn:\n%s" % (earlier, text)


def ask(llm_url: str, model: str, api_key: str, text: str, context: list) -> dict:
    body = json.dumps({"model": model, "temperature": 0,
                       "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                                    {"role": "user", "content": user_message(text, context)}]}).encode("utf-8")
    request = urllib.request.Request(llm_url.rstrip("/") + "/chat/completions", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer " + api_key})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.load(response)
    return json.loads(answer["choices"][0]["message"]["content"])


def feedback(snippet_id: str, labels: dict, model: str) -> dict:
    intents = [str(i) for i in labels.get("intents", []) if isinstance(i, str)]
    return {
        "snippetId": snippet_id,
        "intents": intents,
        "polarity": POLARITIES.get(str(labels.get("polarity", "")).lower()),
        "source": "llm",
        "labeledAt": datetime.datetime.now(datetime.timezone.utc),
        "origin": "LLM",
        "labeler": model,
        "brand": None,
        "confidences": {},
        "context": [],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", default="localhost:9092")
    parser.add_argument("--requests-topic", default="sift.llm-requests")
    parser.add_argument("--feedback-topic", default="sift.feedback")
    parser.add_argument("--group", default="sift-llm-consumer")
    parser.add_argument("--llm-url", required=True, help="base URL of the chat-completions API, e.g. .../v1")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--max-requests", type=int, default=0, help="stop after this many (0: run until stopped)")
    parser.add_argument("--idle-seconds", type=float, default=0, help="stop after this long without a request")
    args = parser.parse_args()
    api_key = os.environ.get("OPENAI_API_KEY", "none")
    schemas = sift_avro.load_schemas()
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "isolation.level": "read_committed"})
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True,
                         "partitioner": "murmur2_random"})
    consumer.subscribe([args.requests_topic])
    handled = 0
    last = time.monotonic()
    try:
        while not args.max_requests or handled < args.max_requests:
            message = consumer.poll(0.5)
            if message is None:
                if args.idle_seconds and time.monotonic() - last > args.idle_seconds:
                    break
                continue
            if message.error():
                print("consumer error: %s" % message.error(), file=sys.stderr)
                continue
            last = time.monotonic()
            request = read_request(schemas["LlmRequest"], message.value())
            snippet = request["snippet"]
            labels = ask(args.llm_url, args.model, api_key, snippet["text"], request.get("context") or [])
            producer.produce(args.feedback_topic, key=snippet["snippetId"].encode("utf-8"),
                             value=sift_avro.encode(schemas["SnippetFeedback"],
                                                    feedback(snippet["snippetId"], labels, args.model)))
            producer.flush(30)
            # Committed once its feedback is written: a crash repeats a request, never loses one.
            consumer.commit(message=message, asynchronous=False)
            handled += 1
            print("labeled %s: %s" % (snippet["snippetId"], labels.get("intents")), flush=True)
    finally:
        consumer.close()
    print("labeled %d requests" % handled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
