"""Transactions through librdkafka, for confluent_scenario.py: a transactional producer that
commits and aborts across partitions, read back with read_committed and read_uncommitted; a
consume-transform-produce round with send_offsets_to_transaction; and zombie fencing (two
producers with one transactional.id, only the newer one commits). Each function takes the
scenario and reports its steps.
"""
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition

TIMEOUT = 15  # seconds, as in confluent_scenario.py


def transactional_producer(s, transactional_id, **extra):
    return Producer(
        s.config(
            **{
                "transactional.id": transactional_id,
                "transaction.timeout.ms": 60000,
                "linger.ms": 5,
                **extra,
            }
        )
    )


def produce_all(producer, topic, values, partitions):
    for i, value in enumerate(values):
        producer.produce(topic, value=value, partition=i % partitions)
        producer.poll(0)
    producer.flush(TIMEOUT)


def read_to_end(s, topic, partitions, isolation):
    """Every value of `topic` up to its end, in partition then offset order, read with `isolation`."""
    consumer = Consumer(
        s.config(
            **{
                "group.id": s.name(f"reader-{isolation}-{time.time_ns()}"),
                "isolation.level": isolation,
                "enable.auto.commit": False,
                "enable.partition.eof": True,
                "fetch.wait.max.ms": 100,
            }
        )
    )
    try:
        consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
        records = {p: [] for p in range(partitions)}
        at_end = set()
        deadline = time.time() + 30
        while len(at_end) < partitions and time.time() < deadline:
            record = consumer.poll(0.2)
            if record is None:
                continue
            if record.error() is not None:
                if record.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(record.partition())
                    continue
                raise KafkaException(record.error())
            records[record.partition()].append(record.value().decode())
        if len(at_end) < partitions:
            raise RuntimeError(f"reached the end of {len(at_end)} of {partitions} partitions")
        return [value for p in range(partitions) for value in records[p]]
    finally:
        consumer.close()


def transactions(s):
    """Into "<prefix>-tx" (3 partitions): commit c0..c8, abort a0..a5, commit c9..c11. Then read it
    back both ways: read_committed sees the c's only, read_uncommitted the a's too."""
    topic = s.name("tx")
    producer = transactional_producer(s, s.name("txid"))
    s.run("init", lambda: producer.init_transactions(TIMEOUT))
    if s.failed:
        return

    def one(values, commit):
        producer.begin_transaction()
        produce_all(producer, topic, values, 3)
        if commit:
            producer.commit_transaction(TIMEOUT)
        else:
            producer.abort_transaction(TIMEOUT)

    s.run("commit", lambda: one([f"c{i}" for i in range(9)], True))
    s.run("abort", lambda: one([f"a{i}" for i in range(6)], False))
    s.run("commit-again", lambda: one([f"c{i}" for i in range(9, 12)], True))
    committed = s.run("read-committed", lambda: read_to_end(s, topic, 3, "read_committed"))
    if committed is not None:
        s.report("committed-values", values=sorted(committed))
    uncommitted = s.run("read-uncommitted", lambda: read_to_end(s, topic, 3, "read_uncommitted"))
    if uncommitted is not None:
        s.report("uncommitted-values", values=sorted(uncommitted))


def send_offsets(s):
    """Consume-transform-produce: every record of "<prefix>-in" (2 partitions, from the test) is
    upper-cased into "<prefix>-out" with the group's offsets sent to the same transaction; then a
    transaction that rewinds the offsets to 0 is aborted, which must leave them where they were."""
    group = s.name("ctp")
    consumer = Consumer(
        s.config(
            **{
                "group.id": group,
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
                "isolation.level": "read_committed",
                "enable.partition.eof": True,
                "fetch.wait.max.ms": 100,
            }
        )
    )
    producer = transactional_producer(s, s.name("ctp-txid"))

    def process():
        producer.init_transactions(TIMEOUT)
        consumer.subscribe([s.name("in")])
        at_end = set()
        processed = 0
        deadline = time.time() + 40
        while len(at_end) < 2 and time.time() < deadline:
            batch = consumer.consume(50, 0.5)
            records = []
            for record in batch:
                if record.error() is not None:
                    if record.error().code() == KafkaError._PARTITION_EOF:
                        at_end.add(record.partition())
                        continue
                    raise KafkaException(record.error())
                records.append(record)
            if not records:
                continue
            at_end.clear()
            producer.begin_transaction()
            for record in records:
                producer.produce(s.name("out"), value=record.value().decode().upper(), key=record.key())
            producer.send_offsets_to_transaction(
                consumer.position(consumer.assignment()), consumer.consumer_group_metadata(), TIMEOUT
            )
            producer.commit_transaction(TIMEOUT)
            processed += len(records)
        return processed

    processed = s.run("process", process)
    if processed is not None:
        s.report("processed", count=processed)

    def aborted_rewind():
        producer.begin_transaction()
        producer.produce(s.name("out"), value="NEVER")
        rewind = [TopicPartition(s.name("in"), p, 0) for p in range(2)]
        producer.send_offsets_to_transaction(rewind, consumer.consumer_group_metadata(), TIMEOUT)
        producer.abort_transaction(TIMEOUT)

    s.run("abort-rewind", aborted_rewind)
    committed = s.run("committed", lambda: consumer.committed([TopicPartition(s.name("in"), p) for p in range(2)], TIMEOUT))
    if committed is not None:
        s.report("committed-offsets", offsets=[tp.offset for tp in committed])
    consumer.close()


def zombie(s):
    """Two producers with one transactional.id: the older one (the zombie) has an open transaction
    when the newer one initializes; the zombie's later produce and commit are fenced, the newer one's
    commit lands. Read back with read_committed, "<prefix>-z" holds the newer producer's records only."""
    topic = s.name("z")
    transactional_id = s.name("zid")
    old = transactional_producer(s, transactional_id)
    new = transactional_producer(s, transactional_id)

    def zombie_starts():
        old.init_transactions(TIMEOUT)
        old.begin_transaction()
        produce_all(old, topic, ["zombie-1"], 1)

    s.run("zombie-starts", zombie_starts)

    def newer_commits():
        new.init_transactions(TIMEOUT)
        new.begin_transaction()
        produce_all(new, topic, ["new-1", "new-2"], 1)
        new.commit_transaction(TIMEOUT)

    s.run("newer-commits", newer_commits)

    def zombie_fenced():
        try:
            old.produce(topic, value="zombie-2", partition=0)
            old.flush(TIMEOUT)
            old.commit_transaction(TIMEOUT)
        except KafkaException as error:
            return error.args[0].name()
        raise RuntimeError("the zombie's commit succeeded")

    fenced = s.run("zombie-fenced", zombie_fenced)
    if fenced is not None:
        s.report("zombie-error", name=fenced)
    values = s.run("read-committed", lambda: read_to_end(s, topic, 1, "read_committed"))
    if values is not None:
        s.report("committed-values", values=values)
