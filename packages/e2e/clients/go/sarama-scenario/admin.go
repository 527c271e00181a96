// Topic administration with sarama's ClusterAdmin: create (with configs, validate-only),
// list, describe, configs, partitions, delete records, delete and recreate; and the cluster.
package main

import (
	"errors"
	"fmt"

	"github.com/Shopify/sarama"
)

func (s *scenario) admin() (sarama.ClusterAdmin, bool) {
	// NewClusterAdmin needs the controller, which sarama's client refuses to look up (with
	// ErrUnsupportedVersion, before asking any broker) below V0_10_0_0.
	if !s.config.Version.IsAtLeast(sarama.V0_10_0_0) {
		s.skip("connect", fmt.Sprintf("sarama refuses at %s: ClusterAdmin needs Version >= V0_10_0_0", s.config.Version))
		return nil, false
	}
	admin, err := sarama.NewClusterAdmin([]string{s.bootstrap}, s.config)
	s.report("connect", err, nil)
	return admin, err == nil
}

func isKError(err error, want sarama.KError) bool {
	var topicErr *sarama.TopicError
	if errors.As(err, &topicErr) {
		return topicErr.Err == want
	}
	var kErr sarama.KError
	return errors.As(err, &kErr) && kErr == want
}

// create-topics: "<prefix>-created" (3 partitions, retention.ms 3600000); "<prefix>-validated"
// only validated; creating "-created" again is refused; list and describe show it.
func createTopics(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	retention := "3600000"
	detail := &sarama.TopicDetail{NumPartitions: 3, ReplicationFactor: 1, ConfigEntries: map[string]*string{"retention.ms": &retention}}
	s.report("create", admin.CreateTopic(s.name("created"), detail, false), nil)
	s.report("validate-only", admin.CreateTopic(s.name("validated"), &sarama.TopicDetail{NumPartitions: 2, ReplicationFactor: 1}, true), nil)
	err := admin.CreateTopic(s.name("created"), detail, false)
	if isKError(err, sarama.ErrTopicAlreadyExists) {
		err = nil
	} else if err == nil {
		err = errors.New("creating an existing topic succeeded")
	}
	s.report("create-existing-refused", err, nil)

	topics, err := admin.ListTopics()
	if err == nil {
		if got, found := topics[s.name("created")]; !found || got.NumPartitions != 3 {
			err = fmt.Errorf("ListTopics: created topic missing or wrong (%v)", got)
		} else if _, found := topics[s.name("validated")]; found {
			err = errors.New("ListTopics lists the validate-only topic")
		}
	}
	s.report("list", err, nil)

	described, err := admin.DescribeTopics([]string{s.name("created")})
	if err == nil && (len(described) != 1 || described[0].Err != sarama.ErrNoError || len(described[0].Partitions) != 3) {
		err = fmt.Errorf("DescribeTopics: unexpected answer %+v", described)
	}
	s.report("describe", err, nil)
}

func describeRetention(admin sarama.ClusterAdmin, topic string) (string, error) {
	entries, err := admin.DescribeConfig(sarama.ConfigResource{Type: sarama.TopicResource, Name: topic})
	if err != nil {
		return "", err
	}
	for _, entry := range entries {
		if entry.Name == "retention.ms" {
			return entry.Value, nil
		}
	}
	return "", fmt.Errorf("DescribeConfig returned %d entries without retention.ms", len(entries))
}

// configs: "<prefix>-configs" (the test made it): describe retention.ms, alter it to 7200000, describe again.
func configs(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	before, err := describeRetention(admin, s.name("configs"))
	s.report("describe", err, map[string]interface{}{"retention.ms": before})
	value := "7200000"
	err = admin.AlterConfig(sarama.TopicResource, s.name("configs"), map[string]*string{"retention.ms": &value}, false)
	s.report("alter", err, nil)
	after, err := describeRetention(admin, s.name("configs"))
	if err == nil && after != value {
		err = fmt.Errorf("retention.ms is %s after the alter", after)
	}
	s.report("describe-altered", err, map[string]interface{}{"retention.ms": after})
}

// create-partitions: "<prefix>-grow" (1 partition) grows to 3; metadata shows 3.
func createPartitions(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	s.report("create-partitions", admin.CreatePartitions(s.name("grow"), 3, nil, false), nil)
	described, err := admin.DescribeTopics([]string{s.name("grow")})
	if err == nil && (len(described) != 1 || len(described[0].Partitions) != 3) {
		err = fmt.Errorf("DescribeTopics after growing: %+v", described)
	}
	s.report("describe", err, nil)
}

// delete-records: "<prefix>-trim" partition 0 (10 records from the test) loses offsets 0..3.
func deleteRecords(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	s.report("delete-records", admin.DeleteRecords(s.name("trim"), map[int32]int64{0: 4}), nil)
	client, err := sarama.NewClient([]string{s.bootstrap}, s.config)
	if err != nil {
		s.report("earliest-offset", err, nil)
		return
	}
	defer client.Close()
	earliest, err := client.GetOffset(s.name("trim"), 0, sarama.OffsetOldest)
	if err == nil && earliest != 4 {
		err = fmt.Errorf("earliest offset is %d, not 4", earliest)
	}
	s.report("earliest-offset", err, map[string]interface{}{"offset": earliest})
}

// delete-topics: "<prefix>-doomed" (the test made it, with records) is deleted, then recreated empty with 2 partitions.
func deleteTopics(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	s.report("delete", admin.DeleteTopic(s.name("doomed")), nil)
	err := admin.DeleteTopic(s.name("doomed"))
	if isKError(err, sarama.ErrUnknownTopicOrPartition) {
		err = nil
	} else if err == nil {
		err = errors.New("deleting a deleted topic succeeded")
	}
	s.report("delete-missing-refused", err, nil)
	s.report("recreate", admin.CreateTopic(s.name("doomed"), &sarama.TopicDetail{NumPartitions: 2, ReplicationFactor: 1}, false), nil)
}

// describe-cluster: the admin's DescribeCluster (Metadata from the controller): brokers and controller.
func describeCluster(s *scenario) {
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	brokers, controller, err := admin.DescribeCluster()
	described := map[string]string{}
	for _, broker := range brokers {
		described[fmt.Sprint(broker.ID())] = broker.Addr()
	}
	s.report("describe-cluster", err, map[string]interface{}{"brokers": described, "controller": controller})
}
