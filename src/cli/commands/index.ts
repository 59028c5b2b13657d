import type { MembankCommand } from '../command.js';

/** Every CLI command, in the order `--help` lists them. Registered explicitly: no globbing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: MembankCommand<any>[] = [];
