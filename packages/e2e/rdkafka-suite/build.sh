#!/usr/bin/env bash
# Builds librdkafka's own integration test runner (tests/test-runner) from the librdkafka source
# that node-rdkafka vendors on npm (deps/librdkafka: librdkafka 2.12.0, BSD-2-Clause), so
# rdkafka-suite.test.ts can run librdkafka's transaction tests against the broker.
#
#   build.sh <cache dir>     prints the tests directory on its last line; ~4 min on 2 cores
#
# Nothing is copied into the repository: the tarball comes from the npm registry into the
# cache dir. One change to the sources: 0103 creates its topics with replication factor 3
# (written for a 3-broker cluster); on this single broker it asks for 1, as Kafka would need.
# librdkafka is built without SSL/SASL/compression extras: the tests that run need none. The
# build's output goes to <cache dir>/*.out (not beside configure: mklove would take a
# configure.* file for one of its modules).
set -euo pipefail
PACKAGE="node-rdkafka@3.6.1"
cache="$1"
src="$cache/package/deps/librdkafka"
mkdir -p "$cache"
if [ ! -x "$src/tests/test-runner" ]; then
  cd "$cache"
  rm -rf package ./*.tgz
  npm pack --silent "$PACKAGE" >/dev/null
  tar xzf ./*.tgz package/deps/librdkafka
  cd "$src"
  sed -i 's/, 3, 5000);/, 1, 5000);/' tests/0103-transactions.c
  ./configure --disable-gssapi --disable-curl --disable-lz4-ext --disable-zstd --disable-ssl --disable-sasl >"$cache/configure.out" 2>&1
  make -j"$(nproc)" libs >"$cache/make-libs.out" 2>&1
  make -j"$(nproc)" -C tests build >"$cache/make-tests.out" 2>&1
fi
echo "$src/tests"
