// kafka-go scenario: drives Debian's segmentio/kafka-go (golang-github-segmentio-kafka-go-dev)
// against a broker.
//
//	kafka-go-scenario <bootstrap> <prefix> <feature>
//
// Prints one JSON line per step ({"step":"x","ok":true} or with "error") and exits 1 when a
// step failed. Topics and groups it touches are named "<prefix>-...".
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"

	kafka "github.com/segmentio/kafka-go"
)

type scenario struct {
	bootstrap string
	prefix    string
	failed    bool
}

func (s *scenario) report(step string, err error, details map[string]interface{}) bool {
	line := map[string]interface{}{"step": step}
	for k, v := range details {
		line[k] = v
	}
	if err == nil {
		line["ok"] = true
	} else {
		line["ok"] = false
		line["error"] = err.Error()
		s.failed = true
	}
	out, _ := json.Marshal(line)
	fmt.Println(string(out))
	return err == nil
}

func (s *scenario) name(suffix string) string { return s.prefix + "-" + suffix }

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 20*time.Second)
}

// dial connects to the bootstrap broker.
func (s *scenario) dial() (*kafka.Conn, bool) {
	conn, err := kafka.Dial("tcp", s.bootstrap)
	return conn, s.report("connect", err, nil)
}

// metadata: Conn.ReadPartitions of "<prefix>-meta" (3 partitions, made by the test) with their
// leaders, replicas and in-sync replicas, then of it and "<prefix>-other" together. (Called
// with no topic, kafka-go 0.2.1 sends Metadata v1 an empty topic array, which asks for no
// topic at all, not for every one: null would.)
func metadata(s *scenario) {
	conn, ok := s.dial()
	if !ok {
		return
	}
	defer conn.Close()
	partitions, err := conn.ReadPartitions(s.name("meta"))
	brokers := map[string]bool{}
	ids := []int{}
	for _, p := range partitions {
		for _, b := range append(append([]kafka.Broker{p.Leader}, p.Replicas...), p.Isr...) {
			brokers[fmt.Sprintf("%d %s:%d", b.ID, b.Host, b.Port)] = true
		}
		ids = append(ids, p.ID)
	}
	sort.Ints(ids)
	s.report("read-partitions", err, map[string]interface{}{"partitions": ids, "brokers": keys(brokers)})

	all, err := conn.ReadPartitions(s.name("meta"), s.name("other"))
	counts := map[string]int{}
	for _, p := range all {
		counts[p.Topic]++
	}
	s.report("read-both-partitions", err, map[string]interface{}{"topics": counts})
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for key := range set {
		out = append(out, key)
	}
	sort.Strings(out)
	return out
}

// create-topics: Conn.CreateTopics "<prefix>-created" (3 partitions); ReadPartitions shows 3.
func createTopics(s *scenario) {
	conn, ok := s.dial()
	if !ok {
		return
	}
	defer conn.Close()
	s.report("create-topics", conn.CreateTopics(kafka.TopicConfig{Topic: s.name("created"), NumPartitions: 3, ReplicationFactor: 1}), nil)
	partitions, err := conn.ReadPartitions(s.name("created"))
	if err == nil && len(partitions) != 3 {
		err = fmt.Errorf("ReadPartitions: %d partitions", len(partitions))
	}
	s.report("read-partitions", err, nil)
}

// delete-topics: Conn.DeleteTopics "<prefix>-doomed" (the test made it).
func deleteTopics(s *scenario) {
	conn, ok := s.dial()
	if !ok {
		return
	}
	defer conn.Close()
	s.report("delete-topics", conn.DeleteTopics(s.name("doomed")), nil)
}

// produce: a Writer with the hash balancer writes 30 keyed records to "<prefix>-produce".
func produce(s *scenario) {
	writer := kafka.NewWriter(kafka.WriterConfig{
		Brokers:      []string{s.bootstrap},
		Topic:        s.name("produce"),
		Balancer:     &kafka.Hash{},
		BatchTimeout: 10 * time.Millisecond,
	})
	defer writer.Close()
	records := make([]kafka.Message, 30)
	for i := range records {
		records[i] = kafka.Message{Key: []byte(fmt.Sprintf("k%d", i%10)), Value: []byte(fmt.Sprintf("v%d", i))}
	}
	ctx, cancel := timeout()
	defer cancel()
	s.report("write", writer.WriteMessages(ctx, records...), map[string]interface{}{"records": len(records)})
}

// consumer-group: a Reader in group "<prefix>-group" reads the 20 records of "<prefix>-group-topic" and commits them.
func consumerGroup(s *scenario) {
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:           []string{s.bootstrap},
		GroupID:           s.name("group"),
		Topic:             s.name("group-topic"),
		MinBytes:          1,
		MaxBytes:          1 << 20,
		MaxWait:           200 * time.Millisecond,
		HeartbeatInterval: 500 * time.Millisecond,
		SessionTimeout:    10 * time.Second,
	})
	seen := map[string]bool{}
	ctx, cancel := timeout()
	defer cancel()
	var err error
	for len(seen) < 20 {
		var record kafka.Message
		record, err = reader.FetchMessage(ctx)
		if err != nil {
			break
		}
		seen[fmt.Sprintf("%d:%d", record.Partition, record.Offset)] = true
		if err = reader.CommitMessages(ctx, record); err != nil {
			break
		}
	}
	s.report("fetch-commit", err, map[string]interface{}{"records": len(seen)})
	s.report("close", reader.Close(), nil)
}

// list-offsets: the leader connection of "<prefix>-offsets" partition 0 (10 records) reads its first and last offsets.
func listOffsets(s *scenario) {
	ctx, cancel := timeout()
	defer cancel()
	conn, err := kafka.DialLeader(ctx, "tcp", s.bootstrap, s.name("offsets"), 0)
	if !s.report("dial-leader", err, nil) {
		return
	}
	defer conn.Close()
	first, last, err := conn.ReadOffsets()
	if err == nil && (first != 0 || last != 10) {
		err = fmt.Errorf("offsets are %d..%d, not 0..10", first, last)
	}
	s.report("read-offsets", err, map[string]interface{}{"first": first, "last": last})
}

var features = map[string]func(*scenario){
	"metadata":       metadata,
	"create-topics":  createTopics,
	"delete-topics":  deleteTopics,
	"produce":        produce,
	"consumer-group": consumerGroup,
	"list-offsets":   listOffsets,
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: kafka-go-scenario <bootstrap> <prefix> <feature>")
		os.Exit(2)
	}
	feature, ok := features[os.Args[3]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown feature %q\n", os.Args[3])
		os.Exit(2)
	}
	s := &scenario{bootstrap: os.Args[1], prefix: os.Args[2]}
	s.report("version", nil, map[string]interface{}{"library": "segmentio/kafka-go"})
	feature(s)
	if s.failed {
		os.Exit(1)
	}
}
