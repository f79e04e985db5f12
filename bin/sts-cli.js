#!/usr/bin/env node
// A few lines on purpose: everything else is in the bundle, loaded per command. CommonJS (see
// bin/package.json), as the bundle is: Node 20 then starts without its ES module loader.
const { enableCompileCache } = require('node:module');

// Node 22+ can keep compiled code between runs (faster start); Node 20 has no such cache.
enableCompileCache?.();
require('../dist/cli.cjs');
