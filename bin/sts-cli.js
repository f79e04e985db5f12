#!/usr/bin/env node
// A few lines on purpose: everything else is in the bundle, loaded per command.
import module from 'node:module';

// Node 22+ can keep compiled code between runs (faster start); Node 20 has no such cache.
module.enableCompileCache?.();
await import('../dist/cli.js');
