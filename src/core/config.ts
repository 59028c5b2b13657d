/**
 * membank's configuration type and its defaults. The zod schema that validates a config file is in
 * `config-schema.ts`, loaded only by `src/config.ts` when there is something to validate: the defaults need no zod.
 */
import { createConfigDefaults } from './config-defaults.js';
import type { MembankConfig } from './config-schema.js';

export type { MembankConfig } from './config-schema.js';

/**
 * The configuration with every default applied and nothing else set: what `membankConfigSchema.parse({})` returns
 * (test/unit/core/config-lazy.test.ts holds the two equal), without loading zod.
 */
export function createDefaultConfig(): MembankConfig {
  return createConfigDefaults();
}
