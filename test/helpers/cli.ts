import { main } from '../../src/cli/main.js';

/** What one in-process CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process through `main(argv)`, capturing stdout and stderr. */
export async function runCli(
  argv: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; signal?: AbortSignal } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: options.env ?? {},
      cwd: options.cwd ?? process.cwd(),
    },
    options.signal === undefined ? {} : { signal: options.signal },
  );
  return { code, stdout, stderr };
}
