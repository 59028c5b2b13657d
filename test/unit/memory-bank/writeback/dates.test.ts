/**
 * Due dates written back in the form of the date they replace: the parser reads the answer as the new date, or the
 * answer is ISO.
 */
import { describe, expect, it } from 'vitest';
import { normaliseDate } from '../../../../src/memory-bank/vocabulary.js';
import { writeDateLike } from '../../../../src/memory-bank/writeback/dates.js';

const dayFirst = (): boolean => true;
const monthFirst = (): boolean => false;

describe('writeDateLike', () => {
  it('keeps the form of a numeric date: separator, order, padding, a two-digit year, a remark after it', () => {
    const cases: [string, string, () => boolean, string][] = [
      ['2025-03-01', '2025-04-15', monthFirst, '2025-04-15'],
      ['2025-03-01T09:00', '2025-04-15', monthFirst, '2025-04-15'],
      ['31.03.2025', '2025-04-05', dayFirst, '05.04.2025'],
      ['5.3.2025', '2025-04-15', dayFirst, '15.4.2025'],
      ['03.03.25', '2025-04-15', dayFirst, '15.04.25'],
      ['03/31/2025', '2025-04-15', monthFirst, '04/15/2025'],
      ['31/03/2025', '2025-04-05', dayFirst, '05/04/2025'],
      ['18-09-2025', '2025-10-21', dayFirst, '21-10-2025'],
      ['31.03.2025 (original)', '2025-04-15', dayFirst, '15.04.2025 (original)'],
    ];
    for (const [current, date, order, written] of cases) {
      expect(writeDateLike(current, date, order)).toBe(written);
      expect(normaliseDate(written, { dayFirst: order() })).toBe(date);
    }
  });

  it('keeps a month written by its name, in its language, length and case', () => {
    const cases: [string, string, string, string][] = [
      ['Sep 23, 2025', '2025-10-02', 'en', 'Oct 2, 2025'],
      ['September 23, 2025', '2025-10-02', 'en', 'October 2, 2025'],
      ['30 September 2025', '2025-11-04', 'en', '4 November 2025'],
      ['SEP 23 2025', '2025-10-02', 'en', 'OCT 2 2025'],
      ['23. September 2025', '2025-10-02', 'de', '2. Oktober 2025'],
      ['2 octobre 2025', '2025-12-24', 'fr', '24 décembre 2025'],
      ['15 janv. 2025', '2025-02-01', 'fr', '1 févr. 2025'],
      ['2 de octubre de 2025', '2025-11-03', 'es', '3 de noviembre de 2025'],
      ['3 марта 2025', '2025-05-09', 'ru', '9 мая 2025'],
      // An ordinal day keeps its suffix, for the new day (`2st` read as the 2nd, and would have been written).
      ['1st September 2025', '2025-09-02', 'en', '2nd September 2025'],
      ['September 1st, 2025', '2025-09-23', 'en', 'September 23rd, 2025'],
      ['Sep 3rd 2025', '2025-09-11', 'en', 'Sep 11th 2025'],
      ['1er octobre 2025', '2025-10-02', 'fr', '2 octobre 2025'],
      // Finnish, Hungarian (year first), Greek, Hebrew (`ב` before the month), Arabic, Hindi and Thai (whose year
      // is of the Buddhist era and stays so: 2568 is 2025).
      ['15. maaliskuuta 2025', '2025-05-20', 'fi', '20. toukokuuta 2025'],
      ['2025. március 15.', '2025-05-20', 'hu', '2025. május 20.'],
      ['15 Μαρτίου 2025', '2025-05-20', 'el', '20 Μαΐου 2025'],
      ['15 במרץ 2025', '2025-05-20', 'he', '20 במאי 2025'],
      ['15 مارس 2025', '2025-05-20', 'ar', '20 مايو 2025'],
      // Persian's Gregorian months (`مارس` as Arabic writes it, then its own `مه`) and Urdu's.
      ['15 مارس 2025', '2025-05-20', 'fa', '20 مه 2025'],
      ['15 مارچ 2025', '2025-05-20', 'ur', '20 مئی 2025'],
      // Bulgarian (`г.` after the year), Serbian in both scripts and Croatian (a full stop after the year; Croatian's
      // months in the genitive a date writes), Slovak, Slovenian.
      ['15 юни 2025 г.', '2025-07-20', 'bg', '20 юли 2025 г.'],
      ['15. март 2025.', '2025-05-20', 'sr', '20. мај 2025.'],
      ['15. mart 2025.', '2025-05-20', 'hr', '20. maj 2025.'],
      ['15. ožujka 2025.', '2025-05-20', 'hr', '20. svibnja 2025.'],
      // Croatian's `listopad` is October, Polish's and Czech's November: told by the full stops Croatian writes.
      ['15. ožujka 2025.', '2025-10-20', 'hr', '20. listopada 2025.'],
      ['15 marca 2025', '2025-11-20', 'pl', '20 listopada 2025'],
      ['15. března 2025', '2025-11-20', 'cs', '20. listopadu 2025'],
      ['15. marca 2025', '2025-05-20', 'sk', '20. mája 2025'],
      ['15. marec 2025', '2025-06-20', 'sl', '20. junij 2025'],
      ['15 मार्च 2025', '2025-05-20', 'hi', '20 मई 2025'],
      ['15 มีนาคม 2568', '2026-05-20', 'th', '20 พฤษภาคม 2569'],
    ];
    for (const [current, date, language, written] of cases) {
      expect(writeDateLike(current, date, monthFirst, language)).toBe(written);
      expect(normaliseDate(written)).toBe(date);
    }
  });

  it('writes ISO where the form would read otherwise once written, or is not a date it can rewrite', () => {
    // The file reads day first only because of the date replaced: `02/05/2026` would then read as 5 February.
    expect(writeDateLike('30/04/2026', '2026-05-02', (value) => value === '30/04/2026')).toBe('2026-05-02');
    expect(writeDateLike('next week', '2026-05-02', dayFirst)).toBe('2026-05-02');
    expect(writeDateLike('Q3', '2026-05-02', dayFirst)).toBe('2026-05-02');
  });
});
