"""Consumer groups through librdkafka, for confluent_scenario.py: a member that consumes and
commits, groups listed and described (rd_kafka_list_groups), deleted, and their committed
offsets listed and altered (librdkafka's C admin API, through rdkafka_admin.py, where this
binding has no wrapper). Each function takes the scenario and reports its steps.
"""
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaException

import rdkafka_admin

TIMEOUT = 15  # seconds, as in confluent_scenario.py


def consume(s, group, topics, want, **extra):
    """A group member that reads `want` records, commits synchronously and leaves."""
    consumer = Consumer(
        s.config(
            **{
                "group.id": group,
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
                "session.timeout.ms": 10000,
                "fetch.wait.max.ms": 200,
                **extra,
            }
        )
    )
    seen = {}
    try:
        consumer.subscribe(topics)
        deadline = time.time() + 30
        while len(seen) < want and time.time() < deadline and s.fatal is None:
            record = consumer.poll(0.2)
            if record is None:
                continue
            if record.error() is not None:
                raise KafkaException(record.error())
            seen[(record.partition(), record.offset())] = (record.key(), record.value())
        if len(seen) < want:
            raise RuntimeError(f"read {len(seen)} of {want} records in 30 s" + (f" ({s.fatal})" if s.fatal else ""))
        consumer.commit(asynchronous=False)
        return seen
    finally:
        consumer.close()


def consumer_group(s):
    """Group "<prefix>-group" reads the 20 records of "<prefix>-group-topic" and commits them."""
    s.run("consume-commit", lambda: len(consume(s, s.name("group"), [s.name("group-topic")], 20)))


def groups(s, step):
    """While a member of "<prefix>-lg" is in the group: list groups, or describe it (rd_kafka_list_groups)."""
    consumer = Consumer(
        s.config(**{"group.id": s.name("lg"), "auto.offset.reset": "earliest", "session.timeout.ms": 10000})
    )
    try:
        consumer.subscribe([s.name("lg-topic")])
        deadline = time.time() + 20
        while not consumer.assignment() and time.time() < deadline:
            consumer.poll(0.2)
        if not s.report("join", None if consumer.assignment() else RuntimeError("no assignment in 20 s")):
            return
        admin = s.admin()

        def listed():
            names = [group.id for group in admin.list_groups(timeout=TIMEOUT)]
            if s.name("lg") not in names:
                raise RuntimeError(f"list_groups: {names}")

        if step == "list-groups":
            s.run("list-groups", listed)

        def described():
            found = admin.list_groups(s.name("lg"), timeout=TIMEOUT)
            if len(found) != 1:
                raise RuntimeError(f"describe: {len(found)} groups")
            group = found[0]
            if group.error is not None or group.state != "Stable" or len(group.members) != 1:
                raise RuntimeError(f"group is {group.state} with {len(group.members)} members ({group.error})")
            if group.protocol_type != "consumer" or group.members[0].client_id != "confluent-scenario":
                raise RuntimeError(f"protocol type {group.protocol_type}, client {group.members[0].client_id}")
            return group.protocol

        if step == "describe-groups":
            s.run("describe-groups", described)
    finally:
        consumer.close()


def delete_groups(s):
    """Group "<prefix>-del" reads the 4 records of "<prefix>-del-topic", commits, leaves and is deleted."""
    admin = s.admin()
    if hasattr(admin, "delete_consumer_groups"):
        delete = lambda: [f.result(timeout=TIMEOUT) for f in admin.delete_consumer_groups([s.name("del")]).values()]  # noqa: E731
        via = "confluent-kafka"
    elif rdkafka_admin.LIB is not None:
        # This binding does not wrap it: librdkafka's C API does (see rdkafka_admin.py).
        delete = lambda: rdkafka_admin.delete_group(s.bootstrap, s.name("del"))  # noqa: E731
        via = "librdkafka C API"
    else:
        s.skip("delete-groups", f"confluent-kafka {confluent_kafka.version()[0]} has no AdminClient.delete_consumer_groups")
        return
    if s.run("consume-commit", lambda: len(consume(s, s.name("del"), [s.name("del-topic")], 4))) is None:
        return
    s.run("delete-groups", delete, via=via)


def group_offsets_api(s, step):
    """Whether the group offsets admin calls exist here; reports `step` skipped when not."""
    if rdkafka_admin.GROUP_OFFSETS:
        return True
    s.skip(step, f"librdkafka {confluent_kafka.libversion()[0]} has no ListConsumerGroupOffsets/AlterConsumerGroupOffsets (2.0+)")
    return False


def keyed(offsets):
    """{(topic, partition): offset} as {"topic/partition": offset}, for the report."""
    return {f"{topic}/{partition}": offset for (topic, partition), offset in sorted(offsets.items())}


def group_offsets(s):
    """Group "<prefix>-fo" reads "<prefix>-fo-topic" (3 partitions, 20 records), commits and leaves;
    ListConsumerGroupOffsets (librdkafka's C API: this binding has no list_consumer_group_offsets) fetches them."""
    if not group_offsets_api(s, "list-group-offsets"):
        return
    topic = s.name("fo-topic")
    if s.run("consume-commit", lambda: len(consume(s, s.name("fo"), [topic], 20))) is None:
        return
    partitions = [(topic, p) for p in range(3)]
    offsets = s.run("list-group-offsets", lambda: rdkafka_admin.list_group_offsets(s.bootstrap, s.name("fo"), partitions))
    if offsets is not None:
        s.report("listed", offsets=keyed(offsets))


def reread(s, group, topic, want):
    """A new member of `group` reads from the committed offsets (records before them would be
    skipped: auto.offset.reset is latest) without committing; returns "partition:offset" read."""
    consumer = Consumer(
        s.config(
            **{
                "group.id": group,
                "auto.offset.reset": "latest",
                "enable.auto.commit": False,
                "session.timeout.ms": 10000,
                "fetch.wait.max.ms": 200,
            }
        )
    )
    seen = set()
    try:
        consumer.subscribe([topic])
        deadline = time.time() + 20
        while len(seen) < want and time.time() < deadline:
            record = consumer.poll(0.2)
            if record is None:
                continue
            if record.error() is not None:
                raise KafkaException(record.error())
            seen.add(f"{record.partition()}:{record.offset()}")
        return sorted(seen)
    finally:
        consumer.close()


def reset_offsets(s):
    """Group "<prefix>-reset" reads "<prefix>-reset-topic" (2 partitions of 3 records), commits and
    leaves; AlterConsumerGroupOffsets (librdkafka's C API) resets it to partition 0 offset 0 and
    partition 1 offset 1; ListConsumerGroupOffsets shows that, and a new member reads from there."""
    if not group_offsets_api(s, "alter-group-offsets"):
        return
    group, topic = s.name("reset"), s.name("reset-topic")
    if s.run("consume-commit", lambda: len(consume(s, group, [topic], 6))) is None:
        return
    target = {(topic, 0): 0, (topic, 1): 1}
    altered = s.run("alter-group-offsets", lambda: rdkafka_admin.alter_group_offsets(s.bootstrap, group, target))
    if altered is None:
        return

    def listed():
        offsets = rdkafka_admin.list_group_offsets(s.bootstrap, group, list(target))
        if offsets != target:
            raise RuntimeError(f"committed offsets are {keyed(offsets)} after the reset, not {keyed(target)}")

    s.run("list-group-offsets", listed)
    read = s.run("reread", lambda: reread(s, group, topic, 5))
    if read is not None:
        s.report("reread-records", read=read)
