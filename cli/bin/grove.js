#!/usr/bin/env node
// The `grove` command. Grove is written in TypeScript; tsx compiles it on the fly so
// that a fresh clone runs with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
