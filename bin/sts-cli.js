#!/usr/bin/env node
// A few lines on purpose: everything else is in the bundle, loaded per command.
import '../dist/cli.js';
