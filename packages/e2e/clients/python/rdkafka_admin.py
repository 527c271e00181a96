"""librdkafka's own C admin API, through ctypes, for what an older confluent-kafka binding
does not wrap: DeleteRecords and DeleteGroups (in librdkafka since 1.6 and 1.6/1.9), and
ListConsumerGroupOffsets and AlterConsumerGroupOffsets (since 2.0), all wrapped in Python only
from confluent-kafka 2.x. The same librdkafka the binding loads sends them, so a step run here
is librdkafka's wire behaviour, not a reimplementation. Signatures follow librdkafka 2.0.2's
rdkafka.h.

Every call makes its own client handle and result queue, waits for the one result event,
and raises RuntimeError with librdkafka's error name and text on any error.
"""
import ctypes
import ctypes.util

_POINTER = ctypes.c_void_p


class _TopicPartition(ctypes.Structure):
    # rd_kafka_topic_partition_t (stable public ABI)
    _fields_ = [
        ("topic", ctypes.c_char_p),
        ("partition", ctypes.c_int32),
        ("offset", ctypes.c_int64),
        ("metadata", _POINTER),
        ("metadata_size", ctypes.c_size_t),
        ("opaque", _POINTER),
        ("err", ctypes.c_int),
        ("_private", _POINTER),
    ]


class _TopicPartitionList(ctypes.Structure):
    _fields_ = [("cnt", ctypes.c_int), ("size", ctypes.c_int), ("elems", ctypes.POINTER(_TopicPartition))]


def _load():
    for name in ("librdkafka.so.1", ctypes.util.find_library("rdkafka")):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        signatures = {
            "rd_kafka_conf_new": (_POINTER, []),
            "rd_kafka_conf_set": (ctypes.c_int, [_POINTER, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]),
            "rd_kafka_new": (_POINTER, [ctypes.c_int, _POINTER, ctypes.c_char_p, ctypes.c_size_t]),
            "rd_kafka_destroy": (None, [_POINTER]),
            "rd_kafka_queue_new": (_POINTER, [_POINTER]),
            "rd_kafka_queue_destroy": (None, [_POINTER]),
            "rd_kafka_queue_poll": (_POINTER, [_POINTER, ctypes.c_int]),
            "rd_kafka_event_error": (ctypes.c_int, [_POINTER]),
            "rd_kafka_event_error_string": (ctypes.c_char_p, [_POINTER]),
            "rd_kafka_event_destroy": (None, [_POINTER]),
            "rd_kafka_err2name": (ctypes.c_char_p, [ctypes.c_int]),
            "rd_kafka_topic_partition_list_new": (_POINTER, [ctypes.c_int]),
            "rd_kafka_topic_partition_list_add": (_POINTER, [_POINTER, ctypes.c_char_p, ctypes.c_int32]),
            "rd_kafka_topic_partition_list_set_offset": (ctypes.c_int, [_POINTER, ctypes.c_char_p, ctypes.c_int32, ctypes.c_int64]),
            "rd_kafka_topic_partition_list_destroy": (None, [_POINTER]),
            "rd_kafka_DeleteRecords_new": (_POINTER, [_POINTER]),
            "rd_kafka_DeleteRecords_destroy": (None, [_POINTER]),
            "rd_kafka_DeleteRecords": (None, [_POINTER, ctypes.POINTER(_POINTER), ctypes.c_size_t, _POINTER, _POINTER]),
            "rd_kafka_event_DeleteRecords_result": (_POINTER, [_POINTER]),
            "rd_kafka_DeleteRecords_result_offsets": (ctypes.POINTER(_TopicPartitionList), [_POINTER]),
            "rd_kafka_DeleteGroup_new": (_POINTER, [ctypes.c_char_p]),
            "rd_kafka_DeleteGroup_destroy": (None, [_POINTER]),
            "rd_kafka_DeleteGroups": (None, [_POINTER, ctypes.POINTER(_POINTER), ctypes.c_size_t, _POINTER, _POINTER]),
            "rd_kafka_event_DeleteGroups_result": (_POINTER, [_POINTER]),
            "rd_kafka_DeleteGroups_result_groups": (ctypes.POINTER(_POINTER), [_POINTER, ctypes.POINTER(ctypes.c_size_t)]),
            "rd_kafka_group_result_error": (_POINTER, [_POINTER]),
            "rd_kafka_error_code": (ctypes.c_int, [_POINTER]),
            "rd_kafka_error_string": (ctypes.c_char_p, [_POINTER]),
        }
        try:
            _bind(lib, signatures)
        except AttributeError:
            return None
        return lib
    return None


def _bind(lib, signatures):
    for symbol, (restype, argtypes) in signatures.items():
        function = getattr(lib, symbol)
        function.restype = restype
        function.argtypes = argtypes


LIB = _load()

# librdkafka 2.0.0+: committed offsets of a group, listed and altered by an admin.
_GROUP_OFFSETS_SIGNATURES = {
    "rd_kafka_ListConsumerGroupOffsets_new": (_POINTER, [ctypes.c_char_p, _POINTER]),
    "rd_kafka_ListConsumerGroupOffsets_destroy": (None, [_POINTER]),
    "rd_kafka_ListConsumerGroupOffsets": (None, [_POINTER, ctypes.POINTER(_POINTER), ctypes.c_size_t, _POINTER, _POINTER]),
    "rd_kafka_event_ListConsumerGroupOffsets_result": (_POINTER, [_POINTER]),
    "rd_kafka_ListConsumerGroupOffsets_result_groups": (ctypes.POINTER(_POINTER), [_POINTER, ctypes.POINTER(ctypes.c_size_t)]),
    "rd_kafka_AlterConsumerGroupOffsets_new": (_POINTER, [ctypes.c_char_p, _POINTER]),
    "rd_kafka_AlterConsumerGroupOffsets_destroy": (None, [_POINTER]),
    "rd_kafka_AlterConsumerGroupOffsets": (None, [_POINTER, ctypes.POINTER(_POINTER), ctypes.c_size_t, _POINTER, _POINTER]),
    "rd_kafka_event_AlterConsumerGroupOffsets_result": (_POINTER, [_POINTER]),
    "rd_kafka_AlterConsumerGroupOffsets_result_groups": (ctypes.POINTER(_POINTER), [_POINTER, ctypes.POINTER(ctypes.c_size_t)]),
    "rd_kafka_group_result_partitions": (ctypes.POINTER(_TopicPartitionList), [_POINTER]),
}


def _has_group_offsets():
    if LIB is None:
        return False
    try:
        _bind(LIB, _GROUP_OFFSETS_SIGNATURES)
    except AttributeError:
        return False
    return True


GROUP_OFFSETS = _has_group_offsets()


def has_symbol(symbol):
    """Whether the loaded librdkafka exports `symbol` (an API of a later version, say)."""
    return LIB is not None and hasattr(LIB, symbol)


def _error(code, text=None):
    name = LIB.rd_kafka_err2name(code).decode()
    return RuntimeError(f"{name}: {text}" if text else name)


class _Client:
    """A producer handle and a result queue for one admin call."""

    def __init__(self, bootstrap):
        errstr = ctypes.create_string_buffer(512)
        conf = LIB.rd_kafka_conf_new()
        for key, value in (("bootstrap.servers", bootstrap), ("client.id", "confluent-scenario-capi")):
            if LIB.rd_kafka_conf_set(conf, key.encode(), value.encode(), errstr, len(errstr)) != 0:
                raise RuntimeError(errstr.value.decode())
        self.rk = LIB.rd_kafka_new(0, conf, errstr, len(errstr))  # RD_KAFKA_PRODUCER
        if not self.rk:
            raise RuntimeError(errstr.value.decode())
        self.queue = LIB.rd_kafka_queue_new(self.rk)

    def wait(self, timeout_ms):
        event = LIB.rd_kafka_queue_poll(self.queue, timeout_ms)
        if not event:
            raise RuntimeError(f"no result in {timeout_ms} ms")
        code = LIB.rd_kafka_event_error(event)
        if code != 0:
            text = LIB.rd_kafka_event_error_string(event)
            LIB.rd_kafka_event_destroy(event)
            raise _error(code, text.decode() if text else None)
        return event

    def close(self):
        LIB.rd_kafka_queue_destroy(self.queue)
        LIB.rd_kafka_destroy(self.rk)


def delete_records(bootstrap, topic, partition, before_offset, timeout_ms=15000):
    """DeleteRecords: deletes `topic`/`partition` below `before_offset`; returns the new low watermark."""
    client = _Client(bootstrap)
    offsets = LIB.rd_kafka_topic_partition_list_new(1)
    LIB.rd_kafka_topic_partition_list_add(offsets, topic.encode(), partition)
    LIB.rd_kafka_topic_partition_list_set_offset(offsets, topic.encode(), partition, before_offset)
    request = LIB.rd_kafka_DeleteRecords_new(offsets)
    try:
        LIB.rd_kafka_DeleteRecords(client.rk, ctypes.byref(_POINTER(request)), 1, None, client.queue)
        event = client.wait(timeout_ms)
        try:
            result = LIB.rd_kafka_DeleteRecords_result_offsets(LIB.rd_kafka_event_DeleteRecords_result(event)).contents
            for i in range(result.cnt):
                element = result.elems[i]
                if element.err != 0:
                    raise _error(element.err)
                return element.offset
            raise RuntimeError("DeleteRecords answered no partitions")
        finally:
            LIB.rd_kafka_event_destroy(event)
    finally:
        LIB.rd_kafka_DeleteRecords_destroy(request)
        LIB.rd_kafka_topic_partition_list_destroy(offsets)
        client.close()


def delete_group(bootstrap, group, timeout_ms=15000):
    """DeleteGroups: deletes the (empty) consumer group `group`."""
    client = _Client(bootstrap)
    request = LIB.rd_kafka_DeleteGroup_new(group.encode())
    try:
        LIB.rd_kafka_DeleteGroups(client.rk, ctypes.byref(_POINTER(request)), 1, None, client.queue)
        event = client.wait(timeout_ms)
        try:
            count = ctypes.c_size_t()
            groups = LIB.rd_kafka_DeleteGroups_result_groups(LIB.rd_kafka_event_DeleteGroups_result(event), ctypes.byref(count))
            if count.value != 1:
                raise RuntimeError(f"DeleteGroups answered {count.value} groups")
            error = LIB.rd_kafka_group_result_error(groups[0])
            if error:
                raise _error(LIB.rd_kafka_error_code(error), LIB.rd_kafka_error_string(error).decode())
        finally:
            LIB.rd_kafka_event_destroy(event)
    finally:
        LIB.rd_kafka_DeleteGroup_destroy(request)
        client.close()


def _partition_list(offsets):
    """A new rd_kafka_topic_partition_list_t of (topic, partition, offset) triples (offset None: unset)."""
    partitions = LIB.rd_kafka_topic_partition_list_new(len(offsets))
    for topic, partition, offset in offsets:
        LIB.rd_kafka_topic_partition_list_add(partitions, topic.encode(), partition)
        if offset is not None:
            LIB.rd_kafka_topic_partition_list_set_offset(partitions, topic.encode(), partition, offset)
    return partitions


def _group_offsets(event, result_of, groups_of):
    """The one group's partitions of an offsets result event: {(topic, partition): offset}."""
    count = ctypes.c_size_t()
    groups = groups_of(result_of(event), ctypes.byref(count))
    if count.value != 1:
        raise RuntimeError(f"answered {count.value} groups")
    error = LIB.rd_kafka_group_result_error(groups[0])
    if error:
        raise _error(LIB.rd_kafka_error_code(error), LIB.rd_kafka_error_string(error).decode())
    offsets = {}
    found = LIB.rd_kafka_group_result_partitions(groups[0])
    if found:
        for i in range(found.contents.cnt):
            element = found.contents.elems[i]
            if element.err != 0:
                raise _error(element.err, f"{element.topic.decode()} [{element.partition}]")
            offsets[(element.topic.decode(), element.partition)] = element.offset
    return offsets


def list_group_offsets(bootstrap, group, partitions, timeout_ms=15000):
    """ListConsumerGroupOffsets (OffsetFetch): `group`'s committed offsets of `partitions`
    ([(topic, partition)]) as {(topic, partition): offset}, -1001 (INVALID) where none."""
    client = _Client(bootstrap)
    wanted = _partition_list([(topic, partition, None) for topic, partition in partitions])
    request = LIB.rd_kafka_ListConsumerGroupOffsets_new(group.encode(), wanted)
    try:
        LIB.rd_kafka_ListConsumerGroupOffsets(client.rk, ctypes.byref(_POINTER(request)), 1, None, client.queue)
        event = client.wait(timeout_ms)
        try:
            return _group_offsets(
                event, LIB.rd_kafka_event_ListConsumerGroupOffsets_result, LIB.rd_kafka_ListConsumerGroupOffsets_result_groups
            )
        finally:
            LIB.rd_kafka_event_destroy(event)
    finally:
        LIB.rd_kafka_ListConsumerGroupOffsets_destroy(request)
        LIB.rd_kafka_topic_partition_list_destroy(wanted)
        client.close()


def alter_group_offsets(bootstrap, group, offsets, timeout_ms=15000):
    """AlterConsumerGroupOffsets (OffsetCommit with no member): commits `offsets`
    ({(topic, partition): offset}) for the group, which must have no member subscribed;
    returns the offsets the broker accepted, as {(topic, partition): offset}."""
    client = _Client(bootstrap)
    wanted = _partition_list([(topic, partition, offset) for (topic, partition), offset in offsets.items()])
    request = LIB.rd_kafka_AlterConsumerGroupOffsets_new(group.encode(), wanted)
    try:
        LIB.rd_kafka_AlterConsumerGroupOffsets(client.rk, ctypes.byref(_POINTER(request)), 1, None, client.queue)
        event = client.wait(timeout_ms)
        try:
            return _group_offsets(
                event, LIB.rd_kafka_event_AlterConsumerGroupOffsets_result, LIB.rd_kafka_AlterConsumerGroupOffsets_result_groups
            )
        finally:
            LIB.rd_kafka_event_destroy(event)
    finally:
        LIB.rd_kafka_AlterConsumerGroupOffsets_destroy(request)
        LIB.rd_kafka_topic_partition_list_destroy(wanted)
        client.close()
