/**
 * A date written back in the form the bank wrote the one it replaces: `2025-09-30` over an ISO date, `30.09.2025` over
 * `31.03.2025`, `Sep 30, 2025` over `Sep 23, 2025`, `30 septembre 2025` over `2 octobre 2025` — the day, month and year
 * changed where they stand, the rest of the value (a remark, a weekday's absence, the padding) kept. The answer is
 * read back as the parser reads dates; a form it would not read as the new date falls back to ISO.
 */
import { buddhistEraOffset, normaliseDate, normaliseFieldDate, readMonthEnd, zoneNameSource } from '../vocabulary.js';

/** An ISO date (and time) inside a value: replaced where it stands. */
// A time's zone, by its offset or by its name (`18:00 CEST`, `09:00 GMT+8`: the parser reads both), goes with the time.
const writtenDate = new RegExp(
  String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}|\s+(?:${zoneNameSource})(?:[+-]\d{1,2}(?::?\d{2})?)?(?![\p{L}\p{N}]))?)?`,
  'iu',
);

/** The languages whose month names a date may be written with, as the parser reads them (vocabulary-data's monthNames). */
const monthLocales = ['en', 'en-GB', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'ru', 'uk', 'pl', 'cs', 'tr', 'sv', 'id', 'da', 'nb', 'fi', 'hu', 'ro', 'hr', 'sr-Latn', 'sk', 'sl', 'bg', 'sr', 'el', 'he', 'ar', 'fa-u-ca-gregory', 'ur', 'hi', 'th'];

/** A month name as one of these writes it: lower case, without its closing period. */
function monthName(locale: string, style: 'long' | 'short', month: number, withDay: boolean): string {
  const format = new Intl.DateTimeFormat(locale, withDay ? { month: style, day: 'numeric', timeZone: 'UTC' } : { month: style, timeZone: 'UTC' });
  const part = format.formatToParts(new Date(Date.UTC(2025, month - 1, 3))).find((each) => each.type === 'month')?.value ?? '';
  return part.toLocaleLowerCase(locale).replace(/\.$/u, '');
}

/** Each language's month names (long and short, alone and in a date, where they differ): twelve each, built once. */
let monthSeries: { locale: string; names: string[] }[] | null = null;

function readMonthSeries(): { locale: string; names: string[] }[] {
  if (monthSeries !== null) return monthSeries;
  const series: { locale: string; names: string[] }[] = [];
  for (const locale of monthLocales) {
    for (const style of ['long', 'short'] as const) {
      for (const withDay of [true, false]) {
        const names = Array.from({ length: 12 }, (_, index) => monthName(locale, style, index + 1, withDay));
        if (names.every((name) => /^[\p{L}\p{M}\u200C\u200D]+$/u.test(name))) series.push({ locale, names });
      }
    }
  }
  // Hebrew writes a date's month with `ב` (in) before it: `15 במרץ 2025`.
  const hebrew = series.find((each) => each.locale === 'he');
  if (hebrew !== undefined) series.push({ locale: 'he', names: hebrew.names.map((name) => `ב${name}`) });
  monthSeries = series;
  return series;
}

/** `word` in the case `like` is written in: capitals, a capital first, or lower case. */
function matchCase(word: string, like: string, locale: string): string {
  if (like === like.toLocaleUpperCase(locale) && like !== like.toLocaleLowerCase(locale)) return word.toLocaleUpperCase(locale);
  const first = like.charAt(0);
  if (first !== first.toLocaleLowerCase(locale)) return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  return word;
}

/**
 * The name of `month` in the series `word` belongs to, in its case and with its period; null when it belongs to none.
 * A name several languages share (`September`) is read in the file's language (`language`) first.
 */
function renameMonth(word: string, month: number, language: string): string | null {
  const bare = word.replace(/\.$/u, '');
  const series = readMonthSeries();
  for (const { locale, names } of [...series.filter((each) => writesLanguage(each.locale, language)), ...series]) {
    if (!names.includes(bare.toLocaleLowerCase(locale))) continue;
    const name = names[month - 1];
    if (name === undefined) return null;
    return matchCase(name, bare, locale) + (word.endsWith('.') ? '.' : '');
  }
  return null;
}

/**
 * Whether a locale's month names are a language's: a locale's language is its first part (`fa-u-ca-gregory`: Persian,
 * with the Gregorian months), and Serbian in Latin letters is read as Croatian is (`mart` in a file told as Croatian).
 */
function writesLanguage(locale: string, language: string): boolean {
  return locale.split('-')[0] === language || (language === 'hr' && locale === 'sr-Latn');
}

/** A number written as the one it replaces was: with a leading zero when the file pads (`03`), else as it is. */
function pad(value: number, pads: boolean): string {
  return pads && value < 10 ? `0${value}` : String(value);
}

/** A day written as the one it replaces was (`token`), its ordinal suffix too: `1st` → `2nd`, `23rd`; `1er` → `2`. */
function writeDay(day: number, token: string, pads: boolean): string {
  const suffix = /\p{L}+$/u.exec(token)?.[0] ?? '';
  if (suffix === '') return pad(day, pads);
  if (suffix.toLowerCase() === 'er') return day === 1 ? `1${suffix}` : String(day);
  const last = day % 10;
  const english = day >= 11 && day <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return `${day}${suffix === suffix.toUpperCase() ? english.toUpperCase() : english}`;
}

/**
 * `current` (a due value as written) with its date changed to `date` (ISO `YYYY-MM-DD`, or with a time) in the same
 * form; `date` itself when no rewriting of that form reads back so. `dayFirstWith` says whether the file reads its
 * slash dates day first with a value in the place of `current` (`01/03/2025` is 1 March beside `15/04/2025`): the new
 * value can settle the order for the file, or unsettle it. `language`: the file's, for a month name several share.
 */
export function writeDateLike(current: string, date: string, dayFirstWith: (value: string) => boolean, language = 'en'): string {
  const iso = writtenDate.exec(current);
  if (iso !== null) return current.slice(0, iso.index) + date + current.slice(iso.index + iso[0].length);
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (parts === null) return date;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // The first three tokens holding the date: numbers and at most one month name.
  const tokens = [...current.matchAll(/\d+(?:st|nd|rd|th|er)?(?!\p{L})|[\p{L}\p{M}\u200C\u200D]+\.?/giu)].filter((token) => /^\d/u.test(token[0]) || renameMonth(token[0], 1, language) !== null).slice(0, 3);
  const yearAt = tokens.findIndex((token) => /^\d{4}$/u.test(token[0]));
  const yearIndex = yearAt >= 0 ? yearAt : tokens.length === 3 && /^\d{2}$/u.test(tokens[2]?.[0] ?? '') ? 2 : -1;
  if (tokens.length !== 3 || yearIndex < 0) return date;
  const others = tokens.filter((_, index) => index !== yearIndex);
  const pads = others.some((token) => /^0\d$/u.test(token[0]));
  const named = others.find((token) => !/^\d/u.test(token[0]));
  const write = (values: ReadonlyMap<number, string>): string => {
    let out = '';
    let at = 0;
    for (const token of tokens) {
      const index = token.index ?? 0;
      out += current.slice(at, index) + (values.get(index) ?? token[0]);
      at = index + token[0].length;
    }
    return out + current.slice(at);
  };
  const yearToken = tokens[yearIndex];
  // A Buddhist-era year (`15 มีนาคม 2568`) stays one.
  const era = Number(yearToken?.[0]) >= 2400 && named !== undefined && /\p{Script=Thai}/u.test(named[0]) ? buddhistEraOffset : 0;
  const yearText = (yearToken?.[0].length ?? 4) === 2 ? String(year % 100).padStart(2, '0') : String(year + era);
  let written: string | null = null;
  if (named !== undefined) {
    const dayToken = others.find((token) => token !== named);
    const name = renameMonth(named[0], month, language);
    if (dayToken !== undefined && name !== null) {
      written = write(new Map([[yearToken?.index ?? 0, yearText], [named.index ?? 0, name], [dayToken.index ?? 0, writeDay(day, dayToken[0], pads)]]));
    }
  } else {
    const [first, second] = others;
    if (first !== undefined && second !== undefined) {
      // In the order the date replaced was read in (`03/31/2025` stays month first, `31/03/2025` day first); one that
      // reads the other way once written (`02/05/2026` where no other date says day first) falls back to ISO.
      const was = /^(\d{4})-(\d{2})-(\d{2})/u.exec(normaliseDate(current, { dayFirst: dayFirstWith(current) }) ?? '');
      const monthFirst = was !== null && Number(first[0]) === Number(was[2]) && Number(second[0]) === Number(was[3]) && was[2] !== was[3];
      const [a, b] = monthFirst ? [month, day] : [day, month];
      written = write(new Map([[yearToken?.index ?? 0, yearText], [first.index ?? 0, pad(a, pads)], [second.index ?? 0, pad(b, pads)]]));
    }
  }
  return written !== null && normaliseDate(written, { dayFirst: dayFirstWith(written) }) === date ? written : date;
}

/**
 * A due month, quarter or half of a year (`March 2025`, `Juli 2025`, `2025-03`, `Q3 2025`, `H2 2026`) moved to the last
 * day of another one: written as that period, in the form the bank wrote the one it replaces (`April 2025`, `August
 * 2025`, `2025-04`, `Q4 2025`), as the parser reads a due period, by its end. Null when `current` is no such period or
 * `date` ends none of its kind (a day is written then, `writeDateLike`).
 */
export function writePeriodLike(current: string, date: string, language = 'en'): string | null {
  const end = normaliseFieldDate(current, { due: true });
  if (end === null || end === normaliseFieldDate(current, { due: false })) return null;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (parts === null) return null;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (readMonthEnd(date) !== date) return null;
  const yearToken = /(?<!\d)\d{4}(?!\d)/u.exec(current);
  if (yearToken === null) return null;
  const replace = (text: string, at: number, length: number, by: string): string => text.slice(0, at) + by + text.slice(at + length);
  // The year first: the month's name or number stands before or after it, and keeps its place.
  let written = replace(current, yearToken.index, yearToken[0].length, String(year));
  const period = /(?<!\p{L})([QH])([1-4])(?!\d)/iu.exec(written);
  if (period?.[1] !== undefined) {
    const size = period[1].toUpperCase() === 'Q' ? 3 : 6;
    if (month % size !== 0) return null;
    written = replace(written, period.index + 1, 1, String(month / size));
  } else {
    const named = [...written.matchAll(/[\p{L}\p{M}\u200C\u200D]+\.?/gu)].find((token) => renameMonth(token[0], 1, language) !== null);
    const number = [...written.matchAll(/(?<!\d)\d{1,2}(?!\d)/gu)].find((token) => Number(token[0]) >= 1 && Number(token[0]) <= 12);
    if (named !== undefined) written = replace(written, named.index ?? 0, named[0].length, renameMonth(named[0], month, language) ?? named[0]);
    else if (number !== undefined) written = replace(written, number.index ?? 0, number[0].length, pad(month, number[0].length === 2));
    else return null;
  }
  return normaliseFieldDate(written, { due: true }) === date ? written : null;
}
