/** The emulated Vikunja version and the feature gates that depend on it (API.md §14). */
export interface EmulatedVersion {
  /** Without the leading 'v', e.g. '2.5.0', or 'dev'. */
  plain: string;
  /** As `/info` reports it: 'v2.5.0' or 'dev'. */
  display: string;
  major: number;
  minor: number;
  patch: number;
}

/** The oldest release the sandbox emulates: project views arrived in 0.24. */
export const OLDEST_EMULATED = '0.24.0';

/**
 * Parses 'v2.5.0', '2.5.0', a dev build such as 'v2.5.0-12-abcdef1', or 'dev' (treated as latest).
 * Throws a plain Error for anything else or for releases older than 0.24.0.
 */
export function parseVersion(input: string): EmulatedVersion {
  const text = input.trim();
  if (text === 'dev') return { plain: 'dev', display: 'dev', major: 99, minor: 0, patch: 0 };
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]+)?$/.exec(text);
  if (match === null) {
    throw new Error(`unsupported Vikunja version "${input}": expected MAJOR.MINOR.PATCH such as 2.5.0 (or v2.5.0, or dev)`);
  }
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const version = { plain: text.replace(/^v/, ''), display: `v${text.replace(/^v/, '')}`, major, minor, patch };
  if (!atLeast(version, 0, 24)) {
    throw new Error(`unsupported Vikunja version "${input}": the sandbox emulates ${OLDEST_EMULATED} and later`);
  }
  return version;
}

/** True when the emulated version is at least major.minor. */
export function atLeast(version: Pick<EmulatedVersion, 'major' | 'minor'>, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** Feature switches derived from the version, computed once per sandbox. */
export interface Features {
  /** 1.0 renamed "right" to "permission" (x-max-right → x-max-permission, max_right → max_permission). */
  permissionNaming: boolean;
  /** `/tasks` (≥1.0) versus `/tasks/all` (<1.0). */
  tasksAllRoute: boolean;
  /** 1.0: default buckets To-Do/Doing/Done with a done bucket; before: a single "Backlog". */
  doneBuckets: boolean;
  /** 1.0: view filter is an object; 0.24: a plain string. */
  viewFilterObject: boolean;
  /** 1.0: `/tasks/bulk` body is `{task_ids, fields, values}`. */
  bulkFieldsBody: boolean;
  /** 2.4: /api/v2, soft-deleted tasks, "My Open Tasks", `/info.concurrent_writes`. */
  apiV2: boolean;
  softDelete: boolean;
  defaultSavedFilter: boolean;
  concurrentWritesInfo: boolean;
  /** 2.5: v2 bulk task create. */
  v2BulkCreate: boolean;
  /**
   * Before 1.0 (0.24, API.md §18): `/info` without `max_items_per_page`/`concurrent_writes` and with
   * `registration_enabled` at the top level; API tokens refused on `/user` and `/token/test`; unknown routes
   * 401 with a token; 401 without code 11; bind errors without 2004; validation 400 "Struct is invalid";
   * identifiers kept as sent; tasks without a position at the bottom; bucket `count` 0; `assignees: []`;
   * no `max_right` on create; no `Cache-Control: no-store`; `/tasks/bulk` merges like mergo.
   */
  legacy024: boolean;
}

/** Derives the feature switches for a version. */
export function featuresOf(version: EmulatedVersion): Features {
  const v1 = atLeast(version, 1, 0);
  const v24 = atLeast(version, 2, 4);
  return {
    permissionNaming: v1,
    tasksAllRoute: !v1,
    doneBuckets: v1,
    viewFilterObject: v1,
    bulkFieldsBody: v1,
    apiV2: v24,
    softDelete: v24,
    defaultSavedFilter: v24,
    concurrentWritesInfo: v24,
    v2BulkCreate: atLeast(version, 2, 5),
    legacy024: !v1,
  };
}
