"""One librdkafka consumer (confluent-kafka-python) in a group, for the e2e group tests.

Usage: rdkafka-group-consumer.py BOOTSTRAP GROUP TOPIC STRATEGY [INSTANCE_ID]

Prints one JSON object per line on stdout, each with `t` (wall clock, ns) so that the events
of several processes can be put in one order: {"event": "assigned"|"revoked"|"lost",
"partitions": [...]}, {"event": "record", "partition": p, "offset": o, "value": "..."},
{"event": "error", ...}. Runs until stdin closes or SIGTERM, then closes the consumer
(a static member, with group.instance.id, does not leave the group on close).
"""
import json
import signal
import sys
import threading
import time

from confluent_kafka import Consumer, KafkaError

bootstrap, group, topic, strategy = sys.argv[1:5]
instance = sys.argv[5] if len(sys.argv) > 5 else None


def emit(event, **fields):
    fields.update(event=event, t=time.time_ns())
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


config = {
    "bootstrap.servers": bootstrap,
    "group.id": group,
    "client.id": "rdkafka-" + (instance or "dynamic"),
    "partition.assignment.strategy": strategy,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": True,
    "auto.commit.interval.ms": 200,
    "session.timeout.ms": 10000,
    "heartbeat.interval.ms": 500,
    "max.poll.interval.ms": 60000,
    "topic.metadata.refresh.interval.ms": 1000,
}
if instance is not None:
    config["group.instance.id"] = instance

consumer = Consumer(config)


def partitions(tps):
    return sorted(tp.partition for tp in tps)


def on_assign(_consumer, tps):
    emit("assigned", partitions=partitions(tps))


def on_revoke(_consumer, tps):
    # Commit what was read from the partitions being given up, so that their next owner continues from there.
    try:
        _consumer.commit(asynchronous=False)
    except Exception:  # noqa: BLE001 - nothing to commit is fine
        pass
    emit("revoked", partitions=partitions(tps))


def on_lost(_consumer, tps):
    emit("lost", partitions=partitions(tps))


stopping = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stopping.set())
threading.Thread(target=lambda: (sys.stdin.read(), stopping.set()), daemon=True).start()

consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke, on_lost=on_lost)
emit("started")
while not stopping.is_set():
    message = consumer.poll(0.1)
    if message is None:
        continue
    if message.error() is not None:
        if message.error().code() != KafkaError._PARTITION_EOF:
            emit("error", code=message.error().code(), reason=message.error().str())
        continue
    emit("record", partition=message.partition(), offset=message.offset(), value=message.value().decode())
consumer.close()
emit("closed")
