import type { MembankCommand } from '../command.js';

/**
 * One CLI command as the registry knows it before it runs: its name and one-line description (what `--help`
 * lists), and how to load the module that holds its options and `run`. Only the command that runs is loaded,
 * so `membank --help` and `doctor` do not load the state store, the parser or the sandbox.
 */
export interface CommandEntry {
  command: string;
  describe: string;
  // Each command keeps its own argument type; the registry only needs the common shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  load(): Promise<MembankCommand<any>>;
}

/**
 * Every CLI command, in the order `--help` lists them. Registered explicitly: no globbing. `command` and
 * `describe` repeat the module's own (a unit test checks they match).
 */
export const commands: CommandEntry[] = [
  {
    command: 'discover <dir>',
    describe: 'find the memory bank(s) in a folder and classify every file, saying why',
    load: async () => (await import('./discover.js')).discoverCommand,
  },
  {
    command: 'parse <dir>',
    describe: 'read the memory bank(s) in a folder into normalised task records',
    load: async () => (await import('./parse.js')).parseCommand,
  },
  {
    command: 'validate <dir>',
    describe: 'report every problem in the memory bank(s) at once, with file:line and the fix (exit 3 on errors)',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    command: 'plan <dir>',
    describe: 'Show (and optionally save) the writes that would make Vikunja match the memory bank; writes nothing',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    command: 'apply <plan>',
    describe: 'Apply a saved plan exactly as reviewed; items whose task changed since are refused',
    load: async () => (await import('./apply.js')).applyCommand,
  },
  {
    command: 'migrate <dir>',
    describe: 'Migrate a memory bank into Vikunja: plan, apply (journaled, resumable), verify, report',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
  {
    command: 'sync <dir>',
    describe: 'Sync a memory bank and Vikunja both ways, per field (3-way against the last sync), journaled and reversible',
    load: async () => (await import('./sync.js')).syncCommand,
  },
  {
    command: 'mcp <dir>',
    describe: 'Serve MCP over stdio for the assistant that keeps the bank: sync_now, get_sync_status, list_tasks, plan, resolve_conflict, restore',
    load: async () => (await import('./mcp.js')).mcpCommand,
  },
  {
    command: 'rollback <run-id>',
    describe: "Undo a run's writes newest first; refuses to overwrite later edits in Vikunja unless --force",
    load: async () => (await import('./rollback.js')).rollbackCommand,
  },
  {
    command: 'restore <dir>',
    describe: 'Write wiped or damaged memory-bank files back: byte-exact from the last successful run, or regenerated from Vikunja',
    load: async () => (await import('./restore-command.js')).restoreCommand,
  },
  {
    command: 'runs',
    describe: 'List past runs (newest first), or check the journal hash chain with --verify',
    load: async () => (await import('./runs-command.js')).runsCommand,
  },
  {
    command: 'show <run-id>',
    describe: "Show one run: its saved report, or the run's journaled operations",
    load: async () => (await import('./show-command.js')).showCommand,
  },
  {
    command: 'doctor',
    describe: 'Check the Vikunja URL, token, version and rate limit, and show what membank will use',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  {
    command: 'sandbox',
    describe: 'Run a local Vikunja-compatible server (in-memory) for demos, tests and dry runs',
    load: async () => (await import('./sandbox.js')).sandboxCommand,
  },
  {
    command: 'demo',
    describe: 'Run the main job end to end on the embedded sandbox: plan, migrate, re-run, rollback',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    command: 'init [dir]',
    describe: 'Write a commented membank.config.yaml for the memory bank and Vikunja server it finds (never prompts)',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    command: 'completion [shell]',
    describe: 'Print the bash or zsh completion script (add it to ~/.bashrc or ~/.zshrc)',
    load: async () => (await import('./completion.js')).completionCommand,
  },
];
