#!/usr/bin/env node
// The `mini-kafka` command: a stable file for package managers to link, loading the built broker.
import '../dist/main.js';
