/**
 * The memory bank as the MCP tools read it: discovered and parsed afresh on every call (the assistant edits it
 * between calls), and turned into the sync job's input exactly as `membank sync` does.
 */
import type { SyncInput } from '../../jobs/sync.js';
import type { MembankConfig } from '../core/config.js';
import { type BankReading, createPlanInput, readBank } from '../cli/read-bank.js';

/**
 * The configuration sync runs with: the inbox file is read as a task list wherever discovery would file it (a
 * context document, by its name), as `membank sync` reads it.
 */
export function selectSyncConfig(config: Readonly<MembankConfig>): Readonly<MembankConfig> {
  const inbox = config.sync.inbox;
  if (inbox === false) return config;
  return { ...config, discover: { ...config.discover, taskGlobs: [...config.discover.taskGlobs, `**/${inbox}`] } };
}

/** A bank read for one tool call, with the sync job's input. */
export interface SyncReading {
  bank: BankReading;
  input: SyncInput;
}

/** Reads the bank under `dir` and builds the sync input (`resolve`: settle one conflict only). */
export async function readSyncInput(dir: string, cwd: string, config: Readonly<MembankConfig>, extra: Pick<SyncInput, 'resolve'> = {}): Promise<SyncReading> {
  const bank = await readBank(dir, cwd, config);
  const planInput = createPlanInput(bank, config);
  const input: SyncInput = {
    root: planInput.root,
    records: planInput.records,
    bank: bank.discover.banks[0]?.path ?? null,
    projectTitle: planInput.projectTitle,
    ...(planInput.source === undefined ? {} : { source: planInput.source }),
    allowOtherSource: false,
    ...(extra.resolve === undefined ? {} : { resolve: extra.resolve }),
  };
  return { bank, input };
}
