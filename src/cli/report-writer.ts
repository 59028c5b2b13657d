import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { ReportWriter } from '../report/index.js';

/**
 * Creates the node:fs-backed writer for `writeReportFiles`: directories are created with their parents, and
 * each file is written to a temporary sibling then renamed, so a reader never sees half a report.
 */
export function createNodeReportWriter(): ReportWriter {
  return {
    async mkdir(path) {
      await mkdir(path, { recursive: true });
    },
    async writeFile(path, text) {
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
