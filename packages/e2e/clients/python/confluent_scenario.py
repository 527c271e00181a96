"""librdkafka through Debian's python3-confluent-kafka, driven against a broker.

    python3 confluent_scenario.py <bootstrap> <prefix> <feature>

Prints one JSON line per step ({"step": "x", "ok": true}, or with "error", or "skipped"
when this binding has no API for the step) and exits 1 when a step failed. Topics and
groups it touches are named "<prefix>-...": the test creates or checks them. The group
features are in confluent_groups.py, the transaction ones in confluent_transactions.py; what this binding does not wrap goes through
librdkafka's C admin API (rdkafka_admin.py).
"""
import json
import sys
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

import rdkafka_admin
from confluent_groups import consumer_group, delete_groups, group_offsets, groups, reset_offsets
from confluent_transactions import send_offsets, transactions, zombie

TIMEOUT = 15


class Scenario:
    def __init__(self, bootstrap, prefix):
        self.bootstrap = bootstrap
        self.prefix = prefix
        self.failed = False
        self.fatal = None

    def name(self, suffix):
        return f"{self.prefix}-{suffix}"

    def report(self, step, error=None, **details):
        line = {"step": step, **details}
        if error is None:
            line["ok"] = True
        else:
            line["ok"] = False
            line["error"] = str(error)
            self.failed = True
        print(json.dumps(line), flush=True)
        return error is None

    def skip(self, step, reason):
        print(json.dumps({"step": step, "skipped": reason}), flush=True)

    def run(self, step, action, **details):
        """Runs action(); reports the step as ok, or failed with the exception; returns its value."""
        try:
            value = action()
        except Exception as error:  # the report carries the client's own error text
            self.report(step, error, **details)
            return None
        self.report(step, **details)
        return value

    def on_error(self, error):
        if error.fatal():
            self.fatal = error
        print(f"librdkafka error: {error}", file=sys.stderr, flush=True)

    def config(self, **extra):
        config = {
            "bootstrap.servers": self.bootstrap,
            "client.id": "confluent-scenario",
            "error_cb": self.on_error,
        }
        config.update(extra)
        return config

    def admin(self):
        return AdminClient(self.config())


def wait_all(futures):
    """Waits for every future of an admin call; raises the first error."""
    for future in futures.values():
        future.result(timeout=TIMEOUT)


def metadata(s):
    """Metadata of "<prefix>-meta" (3 partitions, made by the test) through the producer and the admin."""
    topic = s.name("meta")

    def described(client):
        cluster = client.list_topics(timeout=TIMEOUT)
        found = cluster.topics.get(topic)
        if found is None or found.error is not None:
            raise RuntimeError(f"metadata has no topic {topic}: {found and found.error}")
        leaders = [found.partitions[p].leader for p in sorted(found.partitions)]
        brokers = {str(b.id): f"{b.host}:{b.port}" for b in cluster.brokers.values()}
        if any(str(leader) not in brokers for leader in leaders):
            raise RuntimeError(f"leaders {leaders} are not among the brokers {brokers}")
        return {
            "partitions": len(leaders),
            "leaders": leaders,
            "brokers": brokers,
            "controller": cluster.controller_id,
            "cluster": cluster.cluster_id,
        }

    for step, client in (("producer-metadata", Producer(s.config())), ("admin-metadata", s.admin())):
        try:
            s.report(step, **described(client))
        except Exception as error:  # the report carries the client's own error text
            s.report(step, error)


def create_topics(s):
    admin = s.admin()
    created = NewTopic(s.name("created"), num_partitions=3, replication_factor=1, config={"retention.ms": "3600000"})
    s.run("create", lambda: wait_all(admin.create_topics([created], operation_timeout=TIMEOUT)))
    validated = NewTopic(s.name("validated"), num_partitions=2, replication_factor=1)
    s.run("validate-only", lambda: wait_all(admin.create_topics([validated], validate_only=True)))

    def create_existing():
        try:
            wait_all(admin.create_topics([created]))
        except KafkaException as error:
            if error.args[0].code() == KafkaError.TOPIC_ALREADY_EXISTS:
                return
            raise
        raise RuntimeError("creating an existing topic succeeded")

    s.run("create-existing-refused", create_existing)

    def listed():
        topics = admin.list_topics(timeout=TIMEOUT).topics
        created_meta = topics.get(s.name("created"))
        if created_meta is None or len(created_meta.partitions) != 3:
            raise RuntimeError(f"metadata: created topic missing or wrong: {created_meta}")
        if s.name("validated") in topics:
            raise RuntimeError("metadata lists the validate-only topic")

    s.run("list", listed)


def retention_of(admin, topic):
    resource = ConfigResource("topic", topic)
    configs = admin.describe_configs([resource])[resource].result(timeout=TIMEOUT)
    entry = configs.get("retention.ms")
    if entry is None:
        raise RuntimeError(f"DescribeConfigs returned {len(configs)} entries without retention.ms")
    return entry.value


def configs(s):
    admin = s.admin()
    topic = s.name("configs")
    before = s.run("describe", lambda: retention_of(admin, topic))
    if before is not None:
        print(json.dumps({"step": "describe-value", "ok": True, "retention.ms": before}), flush=True)
    resource = ConfigResource("topic", topic, set_config={"retention.ms": "7200000"})
    s.run("alter", lambda: admin.alter_configs([resource])[resource].result(timeout=TIMEOUT))

    def altered():
        value = retention_of(admin, topic)
        if value != "7200000":
            raise RuntimeError(f"retention.ms is {value} after the alter")

    s.run("describe-altered", altered)


def incremental_configs(s):
    admin = s.admin()
    if not hasattr(admin, "incremental_alter_configs"):
        s.skip("incremental-alter", f"confluent-kafka {confluent_kafka.version()[0]} has no incremental_alter_configs")
        return
    from confluent_kafka.admin import AlterConfigOpType, ConfigEntry

    topic = s.name("configs")
    entry = ConfigEntry("retention.ms", "7200000", incremental_operation=AlterConfigOpType.SET)
    resource = ConfigResource("topic", topic, incremental_configs=[entry])
    s.run("incremental-alter", lambda: admin.incremental_alter_configs([resource])[resource].result(timeout=TIMEOUT))

    def altered():
        value = retention_of(admin, topic)
        if value != "7200000":
            raise RuntimeError(f"retention.ms is {value} after the alter")

    s.run("describe-altered", altered)


def create_partitions(s):
    admin = s.admin()
    topic = s.name("grow")
    s.run("create-partitions", lambda: wait_all(admin.create_partitions([NewPartitions(topic, 3)])))

    def grown():
        count = len(admin.list_topics(topic, timeout=TIMEOUT).topics[topic].partitions)
        if count != 3:
            raise RuntimeError(f"metadata shows {count} partitions")

    s.run("metadata", grown)


def delete_topics(s):
    admin = s.admin()
    topic = s.name("doomed")
    s.run("delete", lambda: wait_all(admin.delete_topics([topic], operation_timeout=TIMEOUT)))

    def delete_missing():
        try:
            wait_all(admin.delete_topics([topic]))
        except KafkaException as error:
            if error.args[0].code() == KafkaError.UNKNOWN_TOPIC_OR_PART:
                return
            raise
        raise RuntimeError("deleting a deleted topic succeeded")

    s.run("delete-missing-refused", delete_missing)
    recreated = NewTopic(topic, num_partitions=2, replication_factor=1)
    s.run("recreate", lambda: wait_all(admin.create_topics([recreated])))


def delete_records(s):
    """Partition 0 of "<prefix>-trim" (6 records from the test) loses offsets 0..3."""
    admin = s.admin()
    topic = s.name("trim")
    if hasattr(admin, "delete_records"):
        s.run("delete-records", lambda: wait_all(admin.delete_records([TopicPartition(topic, 0, 4)])))
    elif rdkafka_admin.LIB is not None:
        # This binding does not wrap it: librdkafka's C API does (see rdkafka_admin.py).
        low = s.run("delete-records", lambda: rdkafka_admin.delete_records(s.bootstrap, topic, 0, 4), via="librdkafka C API")
        if low is not None and low != 4:
            s.report("low-watermark", RuntimeError(f"DeleteRecords answered low watermark {low}, not 4"))
    else:
        s.skip("delete-records", f"confluent-kafka {confluent_kafka.version()[0]} has no AdminClient.delete_records")


def list_offsets(s):
    """ListOffsets through the consumer: earliest/latest (watermarks) and by timestamp."""
    consumer = Consumer(s.config(**{"group.id": s.name("lo-unused")}))
    topic = s.name("offsets")
    try:
        def watermarks():
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=TIMEOUT, cached=False)
            if (low, high) != (0, 10):
                raise RuntimeError(f"watermarks are {low}..{high}, not 0..10")

        s.run("watermarks", watermarks)

        def by_time():
            found = consumer.offsets_for_times([TopicPartition(topic, 0, 0)], timeout=TIMEOUT)
            if found[0].error is not None or found[0].offset != 0:
                raise RuntimeError(f"offset for timestamp 0 is {found[0].offset} ({found[0].error})")
            future = int(time.time() * 1000) + 3_600_000
            found = consumer.offsets_for_times([TopicPartition(topic, 0, future)], timeout=TIMEOUT)
            if found[0].error is not None or found[0].offset not in (-1, 10):
                raise RuntimeError(f"offset for a future timestamp is {found[0].offset} ({found[0].error})")

        s.run("offsets-for-times", by_time)
    finally:
        consumer.close()


def produce(s):
    """30 keyed records (keys k0..k9, values v0..v29) into "<prefix>-produce"."""
    producer = Producer(s.config(**{"linger.ms": 5}))
    failures = []

    def delivered(error, record):
        if error is not None:
            failures.append(str(error))

    def send():
        for i in range(30):
            producer.produce(s.name("produce"), key=f"k{i % 10}", value=f"v{i}", on_delivery=delivered)
        remaining = producer.flush(TIMEOUT)
        if remaining or failures:
            raise RuntimeError(f"{remaining} undelivered, failures: {failures[:3]}")

    s.run("produce", send)


def describe_cluster(s):
    """The cluster's brokers, controller and id through the admin's DescribeCluster."""
    admin = s.admin()
    if not hasattr(admin, "describe_cluster"):
        binding, library = confluent_kafka.version()[0], confluent_kafka.libversion()[0]
        if rdkafka_admin.has_symbol("rd_kafka_DescribeCluster"):
            s.skip("describe-cluster", f"confluent-kafka {binding} has no describe_cluster")
        else:
            s.skip(
                "describe-cluster",
                f"librdkafka {library} has no DescribeCluster admin API (rd_kafka_DescribeCluster came in 2.3.0), "
                f"nor confluent-kafka {binding} a describe_cluster; its metadata carries the brokers, controller and cluster id",
            )
        return

    def described():
        cluster = admin.describe_cluster(request_timeout=TIMEOUT).result(timeout=TIMEOUT)
        return {
            "brokers": {str(n.id): f"{n.host}:{n.port}" for n in cluster.nodes},
            "controller": cluster.controller.id if cluster.controller is not None else None,
            "cluster": cluster.cluster_id,
        }

    try:
        s.report("describe-cluster", **described())
    except Exception as error:  # the report carries the client's own error text
        s.report("describe-cluster", error)


def idempotent(s):
    """300 records "0".."299", keyed over 17 keys, into "<prefix>-idem" with enable.idempotence=true,
    in batches of at most 10 so a lossy connection (the test's proxy) loses several of them."""
    producer = Producer(
        s.config(
            **{
                "enable.idempotence": True,
                "linger.ms": 5,
                "batch.num.messages": 10,
                "retry.backoff.ms": 20,
                "reconnect.backoff.ms": 10,
                "reconnect.backoff.max.ms": 50,
            }
        )
    )
    failures = []

    def delivered(error, record):
        if error is not None:
            failures.append(str(error))

    def produce():
        for i in range(300):
            producer.produce(s.name("idem"), key=f"k{i % 17}", value=str(i), on_delivery=delivered)
            producer.poll(0)
        remaining = producer.flush(TIMEOUT)
        if s.fatal is not None:
            raise RuntimeError(f"fatal: {s.fatal}")
        if remaining or failures:
            raise RuntimeError(f"{remaining} undelivered, failures: {failures[:3]}")

    s.run("produce", produce)


FEATURES = {
    "metadata": metadata,
    "create-topics": create_topics,
    "configs": configs,
    "incremental-configs": incremental_configs,
    "create-partitions": create_partitions,
    "delete-topics": delete_topics,
    "delete-records": delete_records,
    "list-offsets": list_offsets,
    "produce": produce,
    "consumer-group": consumer_group,
    "list-groups": lambda s: groups(s, "list-groups"),
    "describe-groups": lambda s: groups(s, "describe-groups"),
    "delete-groups": delete_groups,
    "group-offsets": group_offsets,
    "reset-offsets": reset_offsets,
    "describe-cluster": describe_cluster,
    "idempotent": idempotent,
    "transactions": transactions,
    "send-offsets": send_offsets,
    "zombie-fencing": zombie,
}


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in FEATURES:
        print(f"usage: confluent_scenario.py <bootstrap> <prefix> <{'|'.join(FEATURES)}>", file=sys.stderr)
        return 2
    s = Scenario(sys.argv[1], sys.argv[2])
    s.report("version", binding=confluent_kafka.version()[0], librdkafka=confluent_kafka.libversion()[0])
    FEATURES[sys.argv[3]](s)
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main())
