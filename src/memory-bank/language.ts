/**
 * The language a file is written in, guessed from its script and its common words: write-back writes status and
 * priority words in it, and the parser reads an ambiguous `01/03/2025` day first in a language that writes days so.
 */

/** The languages membank tells apart (and write-back has its own words for). */
export type Language =
  | 'en' | 'fr' | 'de' | 'es' | 'pt' | 'it' | 'nl' | 'pl' | 'tr' | 'vi' | 'id' | 'cs' | 'sv' | 'da' | 'nb' | 'fi' | 'hu' | 'ro'
  | 'hr' | 'sk' | 'sl' | 'ru' | 'uk' | 'bg' | 'sr' | 'el' | 'he' | 'ar' | 'fa' | 'ur' | 'hi' | 'th' | 'zh' | 'ja' | 'ko';

/** The Latin-script languages told apart by their common words and status values. */
export const latinLanguages = ['fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'vi', 'id', 'cs', 'sv', 'da', 'nb', 'fi', 'hu', 'ro', 'hr', 'sk', 'sl'] as const;
export type LatinLanguage = (typeof latinLanguages)[number];

const stopwords: Readonly<Record<'en' | LatinLanguage, ReadonlySet<string>>> = {
  en: new Set(['the', 'and', 'is', 'of', 'to', 'for', 'with', 'this', 'that', 'are', 'be', 'on', 'it', 'as']),
  fr: new Set(['le', 'la', 'les', 'des', 'est', 'et', 'pour', 'une', 'du', 'dans', 'avec', 'sur', 'pas', 'au', 'aux', 'ce', 'qui']),
  de: new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'für', 'den', 'dem', 'ein', 'eine', 'auf', 'zu', 'von', 'im']),
  es: new Set(['el', 'los', 'las', 'y', 'para', 'con', 'del', 'está', 'una', 'por', 'que', 'en', 'se', 'al', 'es']),
  pt: new Set(['o', 'os', 'as', 'e', 'para', 'com', 'do', 'da', 'dos', 'das', 'não', 'uma', 'um', 'no', 'na', 'em', 'são']),
  it: new Set(['il', 'lo', 'gli', 'le', 'e', 'per', 'con', 'della', 'delle', 'dei', 'non', 'una', 'che', 'di', 'è', 'sono']),
  nl: new Set(['de', 'het', 'een', 'en', 'van', 'voor', 'met', 'niet', 'op', 'is', 'zijn', 'wordt', 'naar', 'ook', 'dat']),
  pl: new Set(['się', 'nie', 'jest', 'oraz', 'dla', 'przez', 'że', 'jak', 'który', 'która', 'które', 'jeszcze', 'są', 'tylko', 'albo']),
  tr: new Set(['bir', 'bu', 'için', 'ile', 'olarak', 'olan', 'daha', 'gibi', 'ama', 'çok', 'değil', 've', 'her', 'şu', 'ise']),
  vi: new Set(['và', 'của', 'các', 'cho', 'là', 'trong', 'với', 'được', 'không', 'một', 'những', 'có', 'để', 'này', 'khi']),
  id: new Set(['yang', 'untuk', 'dengan', 'ini', 'dari', 'tidak', 'akan', 'pada', 'adalah', 'itu', 'juga', 'atau', 'dan', 'sudah', 'belum']),
  cs: new Set(['pro', 'že', 'jsou', 'není', 'který', 'která', 'které', 'jako', 'také', 'nebo', 'ještě', 'už', 'při', 'jejich', 'bude']),
  sv: new Set(['och', 'att', 'är', 'för', 'med', 'som', 'på', 'av', 'till', 'inte', 'det', 'har', 'ska', 'kan', 'eller']),
  // Danish and Norwegian share most of their common words (and some with Swedish, left out here): each has those
  // the other spells otherwise (`af`/`av`, `efter`/`etter`, `nogle`/`noen`).
  da: new Set(['og', 'ikke', 'til', 'skal', 'være', 'også', 'jeg', 'af', 'efter', 'meget', 'hvad', 'nogle', 'blev', 'hvis', 'nu']),
  nb: new Set(['og', 'ikke', 'til', 'skal', 'være', 'også', 'jeg', 'etter', 'mye', 'hva', 'noen', 'ble', 'hvordan', 'nå', 'bare']),
  fi: new Set(['ja', 'ei', 'että', 'ovat', 'kanssa', 'myös', 'tai', 'kun', 'mutta', 'jotka', 'joka', 'tämä', 'sekä', 'olla', 'voi']),
  hu: new Set(['az', 'és', 'hogy', 'nem', 'egy', 'van', 'meg', 'már', 'csak', 'kell', 'még', 'mint', 'vagy', 'minden', 'ezt']),
  ro: new Set(['și', 'în', 'că', 'este', 'sunt', 'pentru', 'care', 'din', 'să', 'trebuie', 'toți', 'acest', 'această', 'nu', 'cu']),
  // Croatian (Serbian and Bosnian in Latin letters too), Slovak and Slovenian: words none of the others write.
  hr: new Set(['što', 'šta', 'koji', 'koja', 'koje', 'nije', 'ili', 'kao', 'će', 'biti', 'također', 'jer', 'već', 'gdje', 'treba']),
  sk: new Set(['že', 'pre', 'alebo', 'ktorý', 'ktorá', 'ktoré', 'nie', 'sú', 'bude', 'však', 'tiež', 'iba', 'keď', 'ešte', 'môže']),
  sl: new Set(['ki', 'tudi', 'pa', 'bo', 'še', 'ali', 'kot', 'smo', 'lahko', 'zato', 'samo', 'kjer', 'ker', 'bodo', 'mora']),
};

/**
 * Status words that say which Latin-script language a file or its values are written in (besides English): a table
 * of statuses without prose says its language by them (`Valmis`, `Kesken`).
 */
export const latinStatusWords: Readonly<Record<LatinLanguage, readonly string[]>> = {
  fr: ['terminé', 'terminée', 'complété', 'complétée', 'complète', 'fait', 'en cours', 'à faire', 'en attente', 'planifié', 'planifiée', 'bloqué', 'annulé', 'reporté', 'clôturé', 'clôturée', 'corrigé', 'implémenté', 'implémentée'],
  de: ['erledigt', 'abgeschlossen', 'fertig', 'in bearbeitung', 'in arbeit', 'offen', 'geplant', 'blockiert', 'ausstehend', 'zurückgestellt', 'abgebrochen'],
  es: ['completado', 'completada', 'terminado', 'terminada', 'hecho', 'en progreso', 'en curso', 'pendiente', 'planificado', 'bloqueado', 'cancelado', 'aplazado'],
  pt: ['concluído', 'concluída', 'feito', 'feita', 'em andamento', 'em progresso', 'pendente', 'a fazer', 'planejado', 'impedido', 'cancelada', 'adiado'],
  it: ['completato', 'completata', 'fatto', 'fatta', 'in corso', 'da fare', 'in attesa', 'pianificato', 'bloccato', 'annullato', 'rinviato'],
  nl: ['afgerond', 'voltooid', 'klaar', 'bezig', 'te doen', 'nog te doen', 'gepland', 'geblokkeerd', 'geannuleerd', 'uitgesteld'],
  pl: ['ukończone', 'zakończone', 'zrobione', 'gotowe', 'w trakcie', 'do zrobienia', 'oczekuje', 'zaplanowane', 'zablokowane', 'anulowane', 'odłożone'],
  tr: ['tamamlandı', 'bitti', 'yapıldı', 'devam ediyor', 'yapılacak', 'bekliyor', 'planlandı', 'engellendi', 'iptal edildi', 'ertelendi'],
  vi: ['đã hoàn thành', 'hoàn thành', 'xong', 'đang thực hiện', 'cần làm', 'chưa bắt đầu', 'dự kiến', 'bị chặn', 'đã hủy', 'tạm hoãn'],
  id: ['selesai', 'sedang dikerjakan', 'dalam proses', 'belum dikerjakan', 'belum dimulai', 'menunggu', 'direncanakan', 'terblokir', 'dibatalkan', 'ditunda'],
  cs: ['hotovo', 'dokončeno', 'probíhá', 'rozpracováno', 'čeká', 'zbývá', 'naplánováno', 'blokováno', 'zrušeno', 'odloženo'],
  sv: ['klart', 'klar', 'färdig', 'pågår', 'att göra', 'väntar', 'planerad', 'blockerad', 'avbruten', 'uppskjuten'],
  da: ['færdig', 'færdige', 'udført', 'i gang', 'igangværende', 'at gøre', 'ikke startet', 'mangler', 'planlagt', 'blokeret', 'annulleret', 'udskudt'],
  nb: ['ferdig', 'fullført', 'utført', 'i arbeid', 'påbegynt', 'å gjøre', 'gjenstår', 'blokkert', 'kansellert', 'utsatt'],
  fi: ['valmis', 'tehty', 'kesken', 'työn alla', 'käynnissä', 'tekemättä', 'ei aloitettu', 'odottaa', 'suunniteltu', 'estetty', 'peruttu', 'lykätty'],
  hu: ['kész', 'elkészült', 'befejezve', 'folyamatban', 'teendő', 'függőben', 'tervezett', 'blokkolva', 'törölve', 'elhalasztva'],
  ro: ['finalizat', 'finalizată', 'terminat', 'în curs', 'în lucru', 'în desfășurare', 'în progres', 'de făcut', 'neînceput', 'în așteptare', 'planificat', 'blocat', 'anulat', 'amânat'],
  hr: ['završeno', 'gotovo', 'urađeno', 'riješeno', 'dovršeno', 'u tijeku', 'u toku', 'u radu', 'preostalo', 'na čekanju', 'planirano', 'blokirano', 'otkazano', 'odgođeno'],
  sk: ['dokončené', 'ukončené', 'splnené', 'prebieha', 'rozpracované', 'zostáva', 'nezačaté', 'naplánované', 'blokované', 'zrušené', 'odložené'],
  sl: ['končano', 'opravljeno', 'narejeno', 'zaključeno', 'v teku', 'v delu', 'ni začeto', 'načrtovano', 'preklicano', 'odloženo'],
};

/** Each one-word status of `latinStatusWords` → the languages writing it. */
const statusWordLanguages: ReadonlyMap<string, readonly LatinLanguage[]> = (() => {
  const map = new Map<string, LatinLanguage[]>();
  for (const language of latinLanguages) {
    for (const word of latinStatusWords[language]) if (!word.includes(' ')) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();

/**
 * Guesses a file's language from its script (Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai, Han, Kana, Hangul)
 * and, for Latin text, its common words and status words.
 */
export function detectLanguage(text: string): Language {
  const kana = text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const hangul = text.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (kana >= 10 && kana * 10 >= han) return 'ja';
  if (hangul >= 10 && hangul * 5 >= latin) return 'ko';
  if (han >= 20 && han * 5 >= latin) return 'zh';
  if (cyrillic >= 20 && cyrillic * 3 >= latin) return readCyrillicLanguage(text, 'ru');
  for (const [language, script] of scriptCounters) {
    const letters = text.match(script)?.length ?? 0;
    if (letters >= 20 && letters * 3 >= latin) return language === 'ar' ? readArabicScriptLanguage(text, 'ar') : language;
  }
  const counts = Object.fromEntries(['en', ...latinLanguages].map((language) => [language, 0])) as Record<'en' | LatinLanguage, number>;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const language of ['en', ...latinLanguages] as const) if (stopwords[language].has(word)) counts[language] += 1;
    for (const language of statusWordLanguages.get(word) ?? []) counts[language] += 1;
  }
  let best: 'en' | LatinLanguage = 'en';
  for (const language of latinLanguages) if (counts[language] > counts[best] * 1.2) best = language;
  return best;
}

/**
 * The languages told apart by their script alone, each with a pattern for a character of it (marks too: Devanagari
 * and Thai write vowels so). Write-back reads a value's language by them too.
 */
export const scriptLanguages: readonly (readonly [Language, RegExp])[] = [
  ['el', /\p{Script=Greek}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['ar', /\p{Script=Arabic}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['th', /\p{Script=Thai}/u],
];

/**
 * The language a script alone names (`scriptLanguages`) that `text` is written in, else null; in Arabic script, told
 * apart by `readArabicScriptLanguage` (the file's language among its three where the letters do not tell).
 */
export function readScriptLanguage(text: string, fileLanguage: Language): Language | null {
  const language = scriptLanguages.find(([, script]) => script.test(text))?.[0] ?? null;
  return language === 'ar' ? readArabicScriptLanguage(text, fileLanguageAmong(fileLanguage, arabicScriptLanguages, 'ar')) : language;
}

/** The language a text that names none of `languages` by its letters is read in: the file's, if it is one of them. */
export function fileLanguageAmong<T extends Language>(fileLanguage: Language, languages: readonly T[], otherwise: T): T {
  return languages.find((language) => language === fileLanguage) ?? otherwise;
}

/** `scriptLanguages` as patterns counting every character of the script. */
const scriptCounters = scriptLanguages.map(([language, script]) => [language, new RegExp(script.source, 'gu')] as const);

/** The languages written in Arabic script that membank tells apart, and those written in Cyrillic. */
export const arabicScriptLanguages = ['ar', 'fa', 'ur'] as const;
export type ArabicScriptLanguage = (typeof arabicScriptLanguages)[number];
export const cyrillicLanguages = ['ru', 'uk', 'bg', 'sr'] as const;
export type CyrillicLanguage = (typeof cyrillicLanguages)[number];

/**
 * The language of text in Arabic script: Urdu by the letters only it writes (`ٹ`, `ڈ`, `ڑ`, `ں`, `ے`, `ہ`, `ھ`);
 * Persian or Urdu by the letters both write where Arabic does not (`پ`, `چ`, `ژ`, `گ`, and `ک`, `ی` where Arabic writes
 * `ك`, `ي`, `ى`, `ة`) outnumbering Arabic's — Urdu only when `fallback` says so, as those letters cannot; `fallback`
 * when its letters are common to all three (`در حال انجام`).
 */
export function readArabicScriptLanguage(text: string, fallback: ArabicScriptLanguage): ArabicScriptLanguage {
  if (/[ٹڈڑںےۓہھ]/u.test(text)) return 'ur';
  const persianOrUrdu = text.match(/[پچژگکی]/gu)?.length ?? 0;
  const arabic = text.match(/[كيىة]/gu)?.length ?? 0;
  if (persianOrUrdu > arabic) return fallback === 'ur' ? 'ur' : 'fa';
  return arabic > persianOrUrdu ? 'ar' : fallback;
}

/**
 * The language of text in Cyrillic: Serbian by the letters only it writes (`ђ`, `ј`, `љ`, `њ`, `ћ`, `џ`), Ukrainian by
 * its own (`readsUkrainian`), Bulgarian by writing `ъ` as a vowel, twice at least, and none of Russian's `ы`, `э`, `ё`;
 * `fallback` (Russian, or a value's file language) otherwise.
 */
export function readCyrillicLanguage(text: string, fallback: CyrillicLanguage): CyrillicLanguage {
  if (/[ђјљњћџЂЈЉЊЋЏ]/u.test(text)) return 'sr';
  if (readsUkrainian(text)) return 'uk';
  if (!/[ыэёЫЭЁ]/u.test(text) && (text.match(/[ъЪ]/gu)?.length ?? 0) >= 2) return 'bg';
  return fallback;
}

/** Cyrillic text written in Ukrainian: it has the letters Russian lacks (і, ї, є, ґ) and none Ukrainian lacks (ы, э, ъ, ё). */
export function readsUkrainian(text: string): boolean {
  return /[іїєґІЇЄҐ]/u.test(text) && !/[ыэъёЫЭЪЁ]/u.test(text);
}

/** The languages that write a date in figures month first (`04/03/2025`: April 3) or year first: all others write the day first. */
const monthFirstLanguages: ReadonlySet<Language> = new Set(['en', 'zh', 'ja', 'ko']);

/** Whether a file's language writes a date in figures day first (French, German, Russian…: `04/03/2025` is 4 March). */
export function writesDayFirst(text: string): boolean {
  return !monthFirstLanguages.has(detectLanguage(text));
}
