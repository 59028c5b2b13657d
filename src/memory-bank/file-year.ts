/**
 * The year a file's dates fall in, for the days it writes without one (`| 1.1 | Domain schema | Complete | Aug 7 |`
 * under `**Added:** August 7, 2025`).
 */
import { writtenDateSource } from './vocabulary-data.js';

/** A full date as files write them: ISO, numbers with the year, a month's name with the day and the year. */
const fullDate = new RegExp(writtenDateSource, 'giu');
/** The year in such a date. */
const yearOf = /(?:19|20)\d{2}/u;

/** The one year every full date in the text falls in; null when it holds none, or dates of two years or more. */
export function readFileYear(source: string): number | null {
  let year: string | null = null;
  fullDate.lastIndex = 0;
  for (let match = fullDate.exec(source); match !== null; match = fullDate.exec(source)) {
    const found = yearOf.exec(match[0])?.[0];
    if (found === undefined) continue;
    if (year !== null && found !== year) return null;
    year = found;
  }
  return year === null ? null : Number(year);
}
