/**
 * A child process for the time-zone proofs: started with `TZ=<zone>`, it reads one JSON request per line on stdin
 * and answers one JSON line on stdout. `{ hello: true }` → `{ offsetMinutes }` (the zone as this process sees it);
 * `{ args }` → the in-process CLI's `{ code, stdout, stderr }`, run with this process's environment and folder.
 */
import { createInterface } from 'node:readline';
import { runCli } from '../../helpers/cli.js';

const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
const lines = createInterface({ input: process.stdin });
// One request at a time, in order: each answer is one line.
let queue: Promise<void> = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const request = JSON.parse(line) as { hello?: boolean; args?: string[] };
    if (request.hello === true) {
      process.stdout.write(`${JSON.stringify({ offsetMinutes: new Date(2026, 0, 1).getTimezoneOffset() })}\n`);
      return;
    }
    const result = await runCli(request.args ?? [], { env, cwd: process.cwd() });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
});
