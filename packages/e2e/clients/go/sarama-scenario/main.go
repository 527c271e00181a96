// Sarama scenario: drives Debian's sarama (golang-github-shopify-sarama-dev) against a broker.
//
//	sarama-scenario <bootstrap> <prefix> <feature> <default|newest> [feature arguments]
//
// Prints one JSON line per step ({"step":"x","ok":true} or with "error", or "skipped" when
// sarama itself refuses the feature at this protocol version) and exits 1 when a step failed.
// Topics and groups it touches are named "<prefix>-...": the test creates or checks them.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/Shopify/sarama"
)

type scenario struct {
	bootstrap string
	prefix    string
	config    *sarama.Config
	args      []string // after the version: what the feature needs from the test
	failed    bool
}

func (s *scenario) report(step string, err error, details map[string]interface{}) bool {
	line := map[string]interface{}{"step": step}
	for k, v := range details {
		line[k] = v
	}
	var configErr sarama.ConfigurationError
	switch {
	case err == nil:
		line["ok"] = true
	case errors.As(err, &configErr):
		line["skipped"] = fmt.Sprintf("sarama refuses at %s: %s", s.config.Version, configErr)
	default:
		line["ok"] = false
		line["error"] = err.Error()
		s.failed = true
	}
	out, _ := json.Marshal(line)
	fmt.Println(string(out))
	return err == nil
}

// skip reports a step sarama itself cannot do at this protocol version.
func (s *scenario) skip(step string, reason string) {
	out, _ := json.Marshal(map[string]interface{}{"step": step, "skipped": reason})
	fmt.Println(string(out))
}

func (s *scenario) name(suffix string) string { return s.prefix + "-" + suffix }

func newConfig(version string) (*sarama.Config, error) {
	config := sarama.NewConfig()
	config.ClientID = "sarama-scenario"
	config.Metadata.Retry.Backoff = 100 * time.Millisecond
	config.Producer.Return.Successes = true
	config.Producer.RequiredAcks = sarama.WaitForAll
	config.Consumer.Offsets.Initial = sarama.OffsetOldest
	config.Consumer.Offsets.CommitInterval = 200 * time.Millisecond
	config.Consumer.MaxWaitTime = 200 * time.Millisecond
	config.Consumer.Group.Heartbeat.Interval = 500 * time.Millisecond
	config.Consumer.Group.Rebalance.Timeout = 5 * time.Second
	switch version {
	case "default":
	case "newest":
		config.Version = sarama.MaxVersion
	default:
		v, err := sarama.ParseKafkaVersion(version)
		if err != nil {
			return nil, err
		}
		config.Version = v
	}
	return config, nil
}

var features = map[string]func(*scenario){
	"metadata":          metadata,
	"produce":           produce,
	"consumer-group":    consumerGroup,
	"create-topics":     createTopics,
	"configs":           configs,
	"create-partitions": createPartitions,
	"delete-records":    deleteRecords,
	"delete-topics":     deleteTopics,
	"list-groups":       listGroups,
	"describe-groups":   describeGroups,
	"group-offsets":     groupOffsets,
	"delete-groups":     deleteGroups,
	"idempotent":        idempotent,
	"list-offsets":      listOffsets,
	"reset-offsets":     resetOffsets,
	"describe-cluster":  describeCluster,
}

func main() {
	if len(os.Args) < 5 {
		fmt.Fprintln(os.Stderr, "usage: sarama-scenario <bootstrap> <prefix> <feature> <default|newest|x.y.z> [feature arguments]")
		os.Exit(2)
	}
	feature, ok := features[os.Args[3]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown feature %q\n", os.Args[3])
		os.Exit(2)
	}
	config, err := newConfig(os.Args[4])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// sarama's own log goes to stderr: the test shows its tail when a step fails.
	sarama.Logger = log.New(os.Stderr, "[sarama] ", log.LstdFlags)
	s := &scenario{bootstrap: os.Args[1], prefix: os.Args[2], config: config, args: os.Args[5:]}
	s.report("version", nil, map[string]interface{}{"version": config.Version.String()})
	feature(s)
	if s.failed {
		os.Exit(1)
	}
}
