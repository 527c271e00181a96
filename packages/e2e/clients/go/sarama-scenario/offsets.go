// Offsets with sarama: a partition's oldest and newest offsets and the offset for a timestamp
// (ListOffsets, through the client), and a group's committed offsets reset through an
// OffsetManager (OffsetFetch, then OffsetCommit with no member: sarama's ClusterAdmin has no
// call for it in 1.22).
package main

import (
	"fmt"
	"strconv"

	"github.com/Shopify/sarama"
)

// list-offsets <timestamp>: "<prefix>-offsets" partition 0 (records the test wrote, some of
// them deleted): its oldest and newest offsets, and (ListOffsets v1, from V0_10_1_0; v0
// answers segment starts, not timestamps) the first offset whose timestamp is at or after
// <timestamp>.
func listOffsets(s *scenario) {
	if len(s.args) != 1 {
		s.report("arguments", fmt.Errorf("list-offsets takes a timestamp, got %q", s.args), nil)
		return
	}
	at, err := strconv.ParseInt(s.args[0], 10, 64)
	if !s.report("arguments", err, nil) {
		return
	}
	client, err := sarama.NewClient([]string{s.bootstrap}, s.config)
	if !s.report("connect", err, nil) {
		return
	}
	defer client.Close()
	topic := s.name("offsets")
	oldest, err := client.GetOffset(topic, 0, sarama.OffsetOldest)
	s.report("oldest", err, map[string]interface{}{"offset": oldest})
	newest, err := client.GetOffset(topic, 0, sarama.OffsetNewest)
	s.report("newest", err, map[string]interface{}{"offset": newest})
	if s.config.Version.IsAtLeast(sarama.V0_10_1_0) {
		offset, err := client.GetOffset(topic, 0, at)
		s.report("by-timestamp", err, map[string]interface{}{"timestamp": at, "offset": offset})
	}
}

// committedOffsets reads what group committed for partitions of topic, through a new
// OffsetManager (the way a ConsumerGroup member finds where to start).
func committedOffsets(client sarama.Client, group, topic string, partitions []int32) (map[string]int64, error) {
	manager, err := sarama.NewOffsetManagerFromClient(group, client)
	if err != nil {
		return nil, err
	}
	defer manager.Close()
	committed := map[string]int64{}
	for _, partition := range partitions {
		pom, err := manager.ManagePartition(topic, partition)
		if err != nil {
			return nil, err
		}
		offset, _ := pom.NextOffset()
		committed[fmt.Sprintf("%s/%d", topic, partition)] = offset
		pom.AsyncClose()
	}
	return committed, nil
}

// reset-offsets: group "<prefix>-reset" has committed 3 on both partitions of
// "<prefix>-reset-topic" (the test did it); an OffsetManager resets partition 0 to its
// oldest offset (the test deleted records there) and partition 1 to 1, and commits; a new
// OffsetManager reads them back.
func resetOffsets(s *scenario) {
	s.config.Consumer.Return.Errors = true // commit failures come back from the partition managers
	client, err := sarama.NewClient([]string{s.bootstrap}, s.config)
	if !s.report("connect", err, nil) {
		return
	}
	defer client.Close()
	group, topic := s.name("reset"), s.name("reset-topic")
	before, err := committedOffsets(client, group, topic, []int32{0, 1})
	if !s.report("fetch-committed", err, map[string]interface{}{"offsets": before}) {
		return
	}
	oldest, err := client.GetOffset(topic, 0, sarama.OffsetOldest)
	if !s.report("oldest", err, map[string]interface{}{"offset": oldest}) {
		return
	}
	manager, err := sarama.NewOffsetManagerFromClient(group, client)
	if !s.report("offset-manager", err, nil) {
		return
	}
	var poms []sarama.PartitionOffsetManager
	for partition, offset := range map[int32]int64{0: oldest, 1: 1} {
		pom, err := manager.ManagePartition(topic, partition)
		if err != nil {
			s.report("reset", err, nil)
			manager.Close()
			return
		}
		pom.ResetOffset(offset, "reset by sarama-scenario")
		poms = append(poms, pom)
	}
	// Close commits what was reset; each partition manager then hands back its commit errors.
	manager.Close()
	var failures sarama.ConsumerErrors
	for _, pom := range poms {
		if errs, ok := pom.Close().(sarama.ConsumerErrors); ok {
			failures = append(failures, errs...)
		}
	}
	if len(failures) > 0 {
		err = fmt.Errorf("%d commit errors, the first: %v", len(failures), failures[0].Err)
	}
	if !s.report("reset", err, nil) {
		return
	}
	after, err := committedOffsets(client, group, topic, []int32{0, 1})
	s.report("fetch-reset", err, map[string]interface{}{"offsets": after})
}
