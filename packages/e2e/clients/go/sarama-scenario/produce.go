// Producing with sarama: metadata, a keyed sync producer, the idempotent producer.
package main

import (
	"fmt"

	"github.com/Shopify/sarama"
)

// metadata: the topic "<prefix>-meta" (the test made it with 3 partitions) and its leaders.
func metadata(s *scenario) {
	client, err := sarama.NewClient([]string{s.bootstrap}, s.config)
	if err != nil {
		s.report("connect", err, nil)
		return
	}
	defer client.Close()
	s.report("connect", nil, nil)
	topics, err := client.Topics()
	s.report("topics", err, map[string]interface{}{"topics": topics})
	partitions, err := client.Partitions(s.name("meta"))
	s.report("partitions", err, map[string]interface{}{"partitions": len(partitions)})
	if err == nil && len(partitions) > 0 {
		leader, err := client.Leader(s.name("meta"), partitions[0])
		details := map[string]interface{}{}
		if leader != nil {
			details["leader"] = leader.Addr()
		}
		s.report("leader", err, details)
	}
}

// produce: 30 keyed records (keys k0..k9, values v0..v29) to "<prefix>-produce" with a sync producer.
func produce(s *scenario) {
	producer, err := sarama.NewSyncProducer([]string{s.bootstrap}, s.config)
	if err != nil {
		s.report("connect", err, nil)
		return
	}
	defer producer.Close()
	s.report("connect", nil, nil)
	partitionOf := map[string]int32{}
	for i := 0; i < 30; i++ {
		key := fmt.Sprintf("k%d", i%10)
		partition, _, err := producer.SendMessage(&sarama.ProducerMessage{
			Topic: s.name("produce"),
			Key:   sarama.StringEncoder(key),
			Value: sarama.StringEncoder(fmt.Sprintf("v%d", i)),
		})
		if err != nil {
			s.report("send", err, map[string]interface{}{"record": i})
			return
		}
		if previous, seen := partitionOf[key]; seen && previous != partition {
			s.report("send", fmt.Errorf("key %s went to partitions %d and %d", key, previous, partition), nil)
			return
		}
		partitionOf[key] = partition
	}
	s.report("send", nil, map[string]interface{}{"records": 30, "partitions": partitionOf})
}

// idempotent: 50 records, one key, to "<prefix>-idempotent" with Producer.Idempotent.
func idempotent(s *scenario) {
	s.config.Producer.Idempotent = true
	s.config.Net.MaxOpenRequests = 1
	s.config.Producer.Retry.Max = 5
	producer, err := sarama.NewSyncProducer([]string{s.bootstrap}, s.config)
	if err != nil {
		s.report("connect", err, nil)
		return
	}
	defer producer.Close()
	s.report("connect", nil, nil)
	for i := 0; i < 50; i++ {
		_, _, err := producer.SendMessage(&sarama.ProducerMessage{
			Topic: s.name("idempotent"),
			Key:   sarama.StringEncoder("one-key"),
			Value: sarama.StringEncoder(fmt.Sprintf("v%d", i)),
		})
		if err != nil {
			s.report("send", err, map[string]interface{}{"record": i})
			return
		}
	}
	s.report("send", nil, map[string]interface{}{"records": 50})
}
