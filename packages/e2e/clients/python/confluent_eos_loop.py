"""An exactly-once consume-transform-produce loop through librdkafka, for the kill test.

    python3 confluent_eos_loop.py <bootstrap> <input topic> <output topic> <group> <transactional id> [batch size]

Reads the input with read_committed in a consumer group and, per batch, in one transaction:
writes every record to the output (same key, value prefixed "out:"), sends the group's
positions with send_offsets_to_transaction and commits. Prints {"committed": n} after each
commit. Any error ends the process with exit code 3, as a crashing application would: the test
starts it again, and init_transactions on the same transactional.id fences the dead instance
and aborts whatever it left open, so no record reaches the output twice.
"""
import json
import sys

from confluent_kafka import Consumer, KafkaException, Producer

TIMEOUT = 30


def main():
    bootstrap, source, sink, group, transactional_id = sys.argv[1:6]
    batch_size = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "isolation.level": "read_committed",
            "session.timeout.ms": 6000,
            "fetch.wait.max.ms": 100,
        }
    )
    producer = Producer(
        {
            "bootstrap.servers": bootstrap,
            "transactional.id": transactional_id,
            "transaction.timeout.ms": 10000,
            "linger.ms": 5,
        }
    )
    producer.init_transactions(TIMEOUT)
    consumer.subscribe([source])
    print(json.dumps({"started": True}), flush=True)
    while True:
        records = [r for r in consumer.consume(batch_size, 0.5) if r.error() is None]
        if not records:
            continue
        producer.begin_transaction()
        for record in records:
            producer.produce(sink, key=record.key(), value=b"out:" + record.value())
        producer.send_offsets_to_transaction(
            consumer.position(consumer.assignment()), consumer.consumer_group_metadata(), TIMEOUT
        )
        producer.commit_transaction(TIMEOUT)
        print(json.dumps({"committed": len(records)}), flush=True)


if __name__ == "__main__":
    try:
        main()
    except (KafkaException, RuntimeError) as error:
        print(json.dumps({"error": str(error)}), flush=True)
        sys.exit(3)
