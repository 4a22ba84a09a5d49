// Owns reading the classifications that real records name in a plain subject: DataCite's OECD
// Fields of Science labels ("FOS: Computer and information sciences"), OECD FORD codes ("1.2",
// "FORD 1.2"), Dewey classes ("610 Medical sciences; Medicine", "551", "300 - Sozialwissenschaften")
// and the Journal of Economic Literature codes economics repositories add ("G12", "M 31").
// Each is turned into the IRI or the label a thesaurus concept is mapped or labelled with, so the
// thesaurus's own mappings decide where it goes.

export type ClassificationHit =
  | { scheme: 'fos'; label: string }
  | { scheme: 'ford'; notation: string }
  | { scheme: 'dewey'; iris: string[] };

const fos = /^\s*FOS:\s*(.+?)\s*$/i;
const ford = /^\s*(?:FORD|OECD(?:\s+FOS)?)?\s*0?([1-6])\.0?(\d{1,2})\s*$/i;
// A class number alone, or followed by its caption (a word of three letters or more: "260 K" and
// "100B" are other libraries' shelf codes).
const dewey = /^\s*(\d{3})(?:\.(\d+))?(?:(?:\s+|\s*[-–:;,]\s*)\p{L}{3}.*)?\s*$/u;

/** Dewey's web IRIs (dewey.info), most specific first: 616.12, 616.1, 616, 610, 600. */
export function deweyIris(klass: string, decimals = ''): string[] {
  const numbers = [...Array.from({ length: decimals.length }, (_, i) => `${klass}.${decimals.slice(0, decimals.length - i)}`), klass];
  if (klass[2] !== '0') numbers.push(`${klass.slice(0, 2)}0`);
  if (klass[1] !== '0') numbers.push(`${klass[0]}00`);
  return numbers.map((n) => `http://dewey.info/class/${n}/`);
}

// JEL: a letter (A to R, Y, Z) and one or two digits. Alone it could be many things, so a record is
// classified by JEL only when it carries two such codes or more (see KeywordAligner).
const jel = /^\s*([A-RYZ])\s?(\d)(\d)?\s*$/;

/** ZBW's SKOS edition of JEL (zbw.eu), most specific first: G12, G1, G. */
export function readJel(subject: string): { iris: string[] } | null {
  const code = jel.exec(subject);
  if (!code) return null;
  const base = 'http://zbw.eu/beta/external_identifiers/jel#';
  return { iris: [...(code[3] ? [`${base}${code[1]}${code[2]}${code[3]}`] : []), `${base}${code[1]}${code[2]}`, `${base}${code[1]}`] };
}

export function readClassification(subject: string, schemeName?: string): ClassificationHit | null {
  const named = fos.exec(subject);
  if (named) return { scheme: 'fos', label: named[1]! };
  const code = ford.exec(subject);
  if (code && (schemeName === undefined || /ford|fos|oecd/i.test(schemeName))) return { scheme: 'ford', notation: `${code[1]}.${Number(code[2])}` };
  const klass = dewey.exec(subject);
  if (klass) return { scheme: 'dewey', iris: deweyIris(klass[1]!, klass[2] ?? '') };
  return null;
}
