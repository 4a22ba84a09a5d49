// Owns reading a period out of a query in French or English: "depuis 2000", "since 2015", "entre
// 2010 et 2015", "1990-2000", "in 2019", "de 1950 à 2020", "avant 1980", "années 1990", "the 1990s",
// "XXe siècle", "20th century", "juillet 2019", "last 10 years". Each pattern gives a date range
// (YYYY-MM-DD, either end open) and the span of text it used, so the words are not searched again.

export interface FoundPeriod {
  from: string | null;
  to: string | null;
  /** Character span in the query, end exclusive. */
  start: number;
  end: number;
}

const year = '(1[5-9]\\d\\d|20\\d\\d|2100)';
const months: Record<string, number> = {
  janvier: 1, january: 1, jan: 1, fevrier: 2, février: 2, february: 2, feb: 2, mars: 3, march: 3, avril: 4, april: 4, apr: 4, mai: 5, may: 5, juin: 6, june: 6,
  juillet: 7, july: 7, aout: 8, août: 8, august: 8, aug: 8, septembre: 9, september: 9, sept: 9, sep: 9, octobre: 10, october: 10, oct: 10, novembre: 11, november: 11, nov: 11,
  decembre: 12, décembre: 12, december: 12, dec: 12,
};
const monthNames = Object.keys(months).sort((a, b) => b.length - a.length).join('|');
const roman: Record<string, number> = { xv: 15, xvi: 16, xvii: 17, xviii: 18, xix: 19, xx: 20, xxi: 21 };

const first = (y: number) => `${y}-01-01`;
const last = (y: number) => `${y}-12-31`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

// \b only knows ASCII letters ("à partir", "après"): a word boundary that knows every letter.
const boundary = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';
const re = (pattern: RegExp | string): RegExp => new RegExp((typeof pattern === 'string' ? pattern : pattern.source).replaceAll('\\b', boundary), 'giu');

type Rule = [RegExp, (m: RegExpExecArray, thisYear: number) => { from: string | null; to: string | null } | null];

// Longer, more specific patterns first; each is tried at every position, and a span once used is not reused.
const rules: Rule[] = [
  [re(`\\b(?:entre|between)\\s+(?:(?:l'|les\\s+)?an(?:née)?s?\\s+)?${year}\\s+(?:et|and)\\s+${year}\\b`), (m) => range(+m[1]!, +m[2]!)],
  [re(`\\b(?:de|du|from)\\s+${year}\\s+(?:à|a|au|to|until|till|through|jusqu'?(?:à|en))\\s+${year}\\b`), (m) => range(+m[1]!, +m[2]!)],
  [re(`\\b${year}\\s*(?:-|–|—|/|to|à|a|au)\\s*${year}\\b`), (m) => range(+m[1]!, +m[2]!)],
  [re(`\\b(?:depuis|since|after|après|apres|à\\s+partir\\s+de|a\\s+partir\\s+de|from|post)\\s+(?:l'an(?:née)?\\s+)?${year}\\b`), (m) => ({ from: first(+m[1]! + (/after|après|apres|post/i.test(m[0]) ? 1 : 0)), to: null })],
  [re(`\\b(?:avant|before|prior\\s+to|pre)\\s+${year}\\b`), (m) => ({ from: null, to: last(+m[1]! - 1) })],
  [re(`\\b(?:jusqu'?(?:en|à|a)|until|till|up\\s+to|through)\\s+${year}\\b`), (m) => ({ from: null, to: last(+m[1]!) })],
  [re(`\\b(?:(?:au\\s+cours\\s+des|depuis\\s+les|durant\\s+les|pendant\\s+les|ces)\\s+(\\d{1,3})\\s+dernières\\s+années|(?:over\\s+|in\\s+|during\\s+)?(?:the\\s+)?(?:last|past)\\s+(\\d{1,3})\\s+years)\\b`), (m, now) => ({ from: first(now - Number(m[1] ?? m[2])), to: null })],
  [re(`\\b(?:la\\s+dernière\\s+décennie|(?:the\\s+)?(?:last|past)\\s+decade)\\b`), (_m, now) => ({ from: first(now - 10), to: null })],
  [re(`\\b(?:depuis|since)\\s+(?:les\\s+années\\s+(1[5-9]\\d0|20\\d0)|the\\s+(1[5-9]\\d0|20\\d0)'?s)\\b`), (m) => ({ from: first(+(m[1] ?? m[2])!), to: null })],
  [re(`\\b(?:les\\s+)?années\\s+(1[5-9]\\d0|20\\d0)\\b`), (m) => range(+m[1]!, +m[1]! + 9)],
  [re(`\\b(?:the\\s+)?(1[5-9]\\d0|20\\d0)'?s\\b`), (m) => range(+m[1]!, +m[1]! + 9)],
  [re(/\b(xv|xvi|xvii|xviii|xix|xx|xxi)(?:e|ème|eme)\s+siècle\b/giu), (m) => century(roman[m[1]!.toLowerCase()]!)],
  [re(/\b(1[5-9]|2[01])(?:e|ème|eme)\s+siècle\b/giu), (m) => century(+m[1]!)],
  [re(/\b(?:the\s+)?(1[5-9]|2[01])(?:st|nd|rd|th)\s+century\b/giu), (m) => century(+m[1]!)],
  [re(`\\b(?:en\\s+|in\\s+)?(${monthNames})\\s+${year}\\b`), (m) => {
    const month = months[m[1]!.toLowerCase()];
    if (!month) return null;
    const y = +m[2]!;
    return { from: `${y}-${pad(month)}-01`, to: `${y}-${pad(month)}-${pad(lastDay(y, month))}` };
  }],
  [re(`\\b(?:en|in|pendant|durant|during|année|year|l'année|for)\\s+${year}\\b`), (m) => range(+m[1]!, +m[1]!)],
  [re(`\\b${year}\\b`), (m) => range(+m[1]!, +m[1]!)],
];

function range(a: number, b: number): { from: string; to: string } | null {
  return a <= b ? { from: first(a), to: last(b) } : null;
}

function century(n: number): { from: string; to: string } {
  return { from: first((n - 1) * 100 + 1), to: last(n * 100) };
}

/** The period a query names (the first pattern found; several years give their whole range). */
export function findPeriods(query: string, thisYear = new Date().getUTCFullYear()): FoundPeriod[] {
  const found: FoundPeriod[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const [pattern, read] of rules) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(query); m; m = pattern.exec(query)) {
      if (taken(m.index, m.index + m[0].length)) continue;
      const period = read(m, thisYear);
      if (period) found.push({ ...period, start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** One range covering every period found: the earliest start and the latest end (open when any is open). */
export function mergedPeriod(periods: FoundPeriod[]): { from: string | null; to: string | null } | null {
  if (periods.length === 0) return null;
  const from = periods.some((p) => p.from === null) ? null : periods.map((p) => p.from!).sort()[0]!;
  const to = periods.some((p) => p.to === null) ? null : periods.map((p) => p.to!).sort().at(-1)!;
  return { from, to };
}
