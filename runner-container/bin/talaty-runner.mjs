#!/usr/bin/env node
// Runs the CLI from its TypeScript source (development, `npx talaty-runner`). The container image
// and the local cloud run the esbuild bundle instead: dist/talaty-runner.mjs (runner-container/build.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
