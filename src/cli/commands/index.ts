import type { MembankCommand } from '../command.js';
import { applyCommand } from './apply.js';
import { demoCommand } from './demo.js';
import { discoverCommand } from './discover.js';
import { doctorCommand } from './doctor.js';
import { migrateCommand } from './migrate.js';
import { parseCommand } from './parse.js';
import { planCommand } from './plan.js';
import { rollbackCommand } from './rollback.js';
import { runsCommand } from './runs.js';
import { sandboxCommand } from './sandbox.js';
import { showCommand } from './show.js';
import { validateCommand } from './validate.js';

/** Every CLI command, in the order `--help` lists them. Registered explicitly: no globbing. */
// Each command keeps its own argument type; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: MembankCommand<any>[] = [
  discoverCommand,
  parseCommand,
  validateCommand,
  planCommand,
  applyCommand,
  migrateCommand,
  rollbackCommand,
  runsCommand,
  showCommand,
  doctorCommand,
  sandboxCommand,
  demoCommand,
];
