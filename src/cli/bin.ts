#!/usr/bin/env node
/**
 * Process entry: wires real stdio and signals to `main`. The first SIGINT/SIGTERM asks the running command
 * to finish its in-flight write and stop; a second one exits at once.
 */
import process from 'node:process';
import { main } from './main.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  interrupts += 1;
  if (interrupts > 1) {
    process.stderr.write(`membank: second ${signal}, exiting now\n`);
    process.exit(130);
  }
  process.stderr.write(`membank: ${signal} received — finishing the in-flight write, then stopping (again to force)\n`);
  controller.abort(new Error(signal));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// A reader that stops reading (`membank parse --json | head`) closes the pipe: later writes fail with EPIPE, which
// `main` answers by stopping quietly. Any other stdout error is still an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const code = await main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
  { signal: controller.signal },
);
process.exitCode = code;
