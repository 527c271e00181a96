// Consumer groups with sarama: a ConsumerGroup that consumes and commits, the admin's
// group listing and description, and deleting a group (DeleteGroups: the 1.22 admin has no
// method for it, so it goes through the coordinator's *Broker as sarama's later admin does).
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/Shopify/sarama"
)

// member is one running ConsumerGroup member that marks every record it reads.
type member struct {
	group  sarama.ConsumerGroup
	cancel context.CancelFunc
	done   chan error
	mu     sync.Mutex
	seen   map[string]bool
	count  int
}

func (m *member) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (m *member) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (m *member) ConsumeClaim(session sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		m.mu.Lock()
		m.seen[fmt.Sprintf("%d:%d", msg.Partition, msg.Offset)] = true
		m.count++
		m.mu.Unlock()
		session.MarkMessage(msg, "")
	}
	return nil
}

func (m *member) distinct() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.seen)
}

func startMember(s *scenario, group, topic string) (*member, error) {
	consumerGroup, err := sarama.NewConsumerGroup([]string{s.bootstrap}, group, s.config)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &member{group: consumerGroup, cancel: cancel, done: make(chan error, 1), seen: map[string]bool{}}
	go func() {
		for ctx.Err() == nil {
			if err := consumerGroup.Consume(ctx, []string{topic}, m); err != nil {
				m.done <- err
				return
			}
		}
		m.done <- nil
	}()
	return m, nil
}

// waitFor waits until the member has read `want` distinct records, or fails after 20 s.
func (m *member) waitFor(want int) error {
	deadline := time.Now().Add(20 * time.Second)
	for m.distinct() < want {
		select {
		case err := <-m.done:
			if err == nil {
				err = fmt.Errorf("consumer stopped after %d records", m.distinct())
			}
			return err
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("read %d of %d records in 20 s", m.distinct(), want)
		}
	}
	return nil
}

// stop leaves the group; Close commits what was marked.
func (m *member) stop() error {
	m.cancel()
	return m.group.Close()
}

// consumeAll runs one member of `group` on `topic` until it has read `want` records, then leaves.
func consumeAll(s *scenario, group, topic string, want int) bool {
	m, err := startMember(s, group, topic)
	if err != nil {
		s.report("consume", err, nil)
		return false
	}
	err = m.waitFor(want)
	s.report("consume", err, map[string]interface{}{"records": m.distinct(), "deliveries": m.count})
	s.report("leave", m.stop(), nil)
	return err == nil
}

// consumer-group: "<prefix>-group" reads the 20 records the test put in "<prefix>-group-topic" and commits.
func consumerGroup(s *scenario) {
	consumeAll(s, s.name("group"), s.name("group-topic"), 20)
}

// withMember runs `check` while a member of "<prefix>-dg" is in the group, having read all
// 6 records of "<prefix>-dg-topic".
func withMember(s *scenario, check func(admin sarama.ClusterAdmin)) {
	m, err := startMember(s, s.name("dg"), s.name("dg-topic"))
	if err != nil {
		s.report("consume", err, nil)
		return
	}
	defer m.stop()
	if !s.report("consume", m.waitFor(6), nil) {
		return
	}
	admin, ok := s.admin()
	if !ok {
		return
	}
	defer admin.Close()
	check(admin)
}

// list-groups: the admin lists "<prefix>-dg" as a consumer group.
func listGroups(s *scenario) {
	withMember(s, func(admin sarama.ClusterAdmin) {
		groups, err := admin.ListConsumerGroups()
		if err == nil && groups[s.name("dg")] != "consumer" {
			err = fmt.Errorf("ListConsumerGroups: %v", groups)
		}
		s.report("list-groups", err, nil)
	})
}

// describe-groups: the admin describes "<prefix>-dg": Stable, one member, protocol type consumer.
func describeGroups(s *scenario) {
	withMember(s, func(admin sarama.ClusterAdmin) {
		described, err := admin.DescribeConsumerGroups([]string{s.name("dg")})
		details := map[string]interface{}{}
		if err == nil {
			if len(described) != 1 || described[0].Err != sarama.ErrNoError {
				err = fmt.Errorf("DescribeConsumerGroups: %+v", described)
			} else {
				g := described[0]
				details["state"], details["protocol"], details["members"] = g.State, g.Protocol, len(g.Members)
				if g.State != "Stable" || len(g.Members) != 1 || g.ProtocolType != "consumer" {
					err = fmt.Errorf("group is %s with %d members, protocol type %q", g.State, len(g.Members), g.ProtocolType)
				}
			}
		}
		s.report("describe-groups", err, details)
	})
}

// group-offsets: the admin fetches the offsets "<prefix>-dg" committed (all 6 records, once
// the member's CommitInterval has passed).
func groupOffsets(s *scenario) {
	withMember(s, func(admin sarama.ClusterAdmin) {
		deadline := time.Now().Add(10 * time.Second)
		for {
			offsets, err := admin.ListConsumerGroupOffsets(s.name("dg"), map[string][]int32{s.name("dg-topic"): {0, 1, 2}})
			var committed int64
			if err == nil {
				for _, block := range offsets.Blocks[s.name("dg-topic")] {
					if block.Err != sarama.ErrNoError {
						err = block.Err
					} else if block.Offset > 0 {
						committed += block.Offset
					}
				}
			}
			if err != nil || committed == 6 || time.Now().After(deadline) {
				if err == nil && committed != 6 {
					err = fmt.Errorf("committed offsets add up to %d, not 6", committed)
				}
				s.report("list-group-offsets", err, map[string]interface{}{"committed": committed})
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// delete-groups: "<prefix>-del" reads "<prefix>-del-topic" (4 records), commits, leaves, and is deleted.
func deleteGroups(s *scenario) {
	if !consumeAll(s, s.name("del"), s.name("del-topic"), 4) {
		return
	}
	client, err := sarama.NewClient([]string{s.bootstrap}, s.config)
	if err != nil {
		s.report("delete-group", err, nil)
		return
	}
	defer client.Close()
	coordinator, err := client.Coordinator(s.name("del"))
	if err != nil {
		s.report("delete-group", err, nil)
		return
	}
	request := &sarama.DeleteGroupsRequest{}
	request.AddGroup(s.name("del"))
	response, err := coordinator.DeleteGroups(request)
	if err == nil {
		if code, found := response.GroupErrorCodes[s.name("del")]; !found {
			err = fmt.Errorf("DeleteGroups answered nothing for the group")
		} else if code != sarama.ErrNoError {
			err = code
		}
	}
	s.report("delete-group", err, nil)
}
