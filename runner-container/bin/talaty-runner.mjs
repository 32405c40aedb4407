#!/usr/bin/env node
// Runs the CLI from its TypeScript source. Issue 6 replaces this with the esbuild bundle.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
