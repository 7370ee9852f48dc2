#!/usr/bin/env node
// The `kcjr` command. TypeScript sources run through tsx so the CLI, the server and the tests share one code path.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
