// Owns persistent identifiers: recognising them in any of the forms sources write them (doi:,
// https://dx.doi.org/, bare ORCID, ROR without scheme...), checking them where they carry a check
// digit, and giving each one canonical form, so the same resource gets the same IRI everywhere.

export type PidScheme = 'doi' | 'orcid' | 'ror' | 'handle' | 'hal' | 'arxiv' | 'pmid' | 'swhid' | 'isni' | 'ark' | 'grant' | 'hal-structure' | 'url';

export interface Pid {
  scheme: PidScheme;
  /** The canonical value within its scheme (DOI lower-cased, ORCID with hyphens, ROR id...). */
  value: string;
  /** The resolvable IRI of the identifier (https://doi.org/..., https://orcid.org/...). */
  iri: string;
}

const doiPattern = /^(?:doi:|(?:https?:\/\/)?(?:dx\.)?doi\.org\/|info:doi\/)?\s*(10\.\d{4,9}\/\S+)$/i;
const orcidPattern = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])$/i;
const rorPattern = /^(?:https?:\/\/ror\.org\/)?(0[a-hj-km-np-tv-z0-9]{6}\d{2})$/i;
const halPattern = /^(?:https?:\/\/hal(?:\.[a-z-]+)*\.(?:science|archives-ouvertes\.fr)\/)?((?:hal|tel|inria|cea|insu|halshs|sic|mem|in2p3|ird|pasteur|hceres)-\d{8})(v\d+)?$/i;
const arxivPattern = /^(?:arxiv:|https?:\/\/arxiv\.org\/abs\/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/i;
const handlePattern = /^(?:hdl:|https?:\/\/hdl\.handle\.net\/)(\d[\d.]*\/\S+)$/i;
const swhidPattern = /^(swh:1:(?:cnt|dir|rev|rel|snp|ori):[0-9a-f]{40})(;.*)?$/i;
const isniPattern = /^(?:https?:\/\/isni\.org\/isni\/|isni:?\s*)?(\d{4}\s?\d{4}\s?\d{4}\s?\d{3}[\dX])$/i;
const arkPattern = /^(?:https?:\/\/[^/]+\/)?(ark:\/?\d{5}\/\S+)$/i;

/** ISO 7064 MOD 11-2, the check digit of ORCID and ISNI. */
function mod11_2(digits: string): string {
  let total = 0;
  for (const digit of digits) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** ROR ids end in two ISO 7064 MOD 97-10 check digits over the Crockford base-32 body. */
function rorChecks(id: string): boolean {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let number = 0;
  for (const char of id.slice(1, 7)) number = number * 32 + alphabet.indexOf(char);
  return String(98 - ((number * 100) % 97)).padStart(2, '0') === id.slice(7);
}

export function parseDoi(value: string): Pid | null {
  const match = doiPattern.exec(value.trim());
  if (!match) return null;
  const doi = decodeURIComponentSafe(match[1]!).toLowerCase();
  return { scheme: 'doi', value: doi, iri: `https://doi.org/${doi}` };
}

export function parseOrcid(value: string): Pid | null {
  const match = orcidPattern.exec(value.trim());
  if (!match) return null;
  const digits = match[1]!.replace(/-/g, '').toUpperCase();
  if (mod11_2(digits.slice(0, 15)) !== digits[15]) return null;
  const orcid = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
  return { scheme: 'orcid', value: orcid, iri: `https://orcid.org/${orcid}` };
}

export function parseRor(value: string): Pid | null {
  const match = rorPattern.exec(value.trim());
  if (!match) return null;
  const ror = match[1]!.toLowerCase();
  if (!rorChecks(ror)) return null;
  return { scheme: 'ror', value: ror, iri: `https://ror.org/${ror}` };
}

export function parseHalId(value: string): Pid | null {
  const match = halPattern.exec(value.trim());
  if (!match) return null;
  const id = match[1]!.toLowerCase();
  return { scheme: 'hal', value: id, iri: `https://hal.science/${id}` };
}

const parsers: Record<Exclude<PidScheme, 'url'>, (value: string) => Pid | null> = {
  'hal-structure': (value) => {
    const match = /^(?:https?:\/\/aurehal\.archives-ouvertes\.fr\/structure\/read\/id\/)?(\d+)$/.exec(value.trim());
    return match ? { scheme: 'hal-structure', value: match[1]!, iri: `https://aurehal.archives-ouvertes.fr/structure/read/id/${match[1]}` } : null;
  },
  // A grant number has no resolver; its "IRI" is the number itself, written as dct:identifier.
  grant: (value) => {
    const grant = value.trim().replace(/\s+/g, ' ').toUpperCase();
    return grant ? { scheme: 'grant', value: grant, iri: grant } : null;
  },
  doi: parseDoi,
  orcid: parseOrcid,
  ror: parseRor,
  hal: parseHalId,
  arxiv: (value) => {
    const match = arxivPattern.exec(value.trim());
    return match ? { scheme: 'arxiv', value: match[1]!, iri: `https://arxiv.org/abs/${match[1]}` } : null;
  },
  pmid: (value) => {
    const match = /^(?:pmid:\s*|https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/)?(\d{1,9})\/?$/i.exec(value.trim());
    return match ? { scheme: 'pmid', value: match[1]!, iri: `https://pubmed.ncbi.nlm.nih.gov/${match[1]}` } : null;
  },
  handle: (value) => {
    const trimmed = value.trim();
    const match = handlePattern.exec(trimmed) ?? /^(\d[\d.]*\/\S+)$/.exec(trimmed);
    return match && !trimmed.startsWith('10.') ? { scheme: 'handle', value: match[1]!, iri: `https://hdl.handle.net/${match[1]}` } : null;
  },
  swhid: (value) => {
    const match = swhidPattern.exec(value.trim());
    return match ? { scheme: 'swhid', value: match[1]!.toLowerCase(), iri: `https://archive.softwareheritage.org/${match[1]!.toLowerCase()}` } : null;
  },
  isni: (value) => {
    const match = isniPattern.exec(value.trim());
    if (!match) return null;
    const digits = match[1]!.replace(/\s/g, '').toUpperCase();
    if (mod11_2(digits.slice(0, 15)) !== digits[15]) return null;
    return { scheme: 'isni', value: digits, iri: `https://isni.org/isni/${digits}` };
  },
  ark: (value) => {
    const match = arkPattern.exec(value.trim());
    if (!match) return null;
    const ark = match[1]!.replace(/^ark:(?!\/)/, 'ark:/');
    return { scheme: 'ark', value: ark, iri: `https://n2t.net/${ark}` };
  },
};

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Scheme names as sources write them (DataCite identifier types, HAL fields, ROR external ids). */
const schemeAliases: Record<string, PidScheme> = {
  doi: 'doi', orcid: 'orcid', ror: 'ror', handle: 'handle', hdl: 'handle', hal: 'hal', arxiv: 'arxiv', pmid: 'pmid',
  swhid: 'swhid', isni: 'isni', ark: 'ark', grant: 'grant', award: 'grant', 'hal-structure': 'hal-structure', url: 'url', uri: 'url', purl: 'url', w3id: 'url',
};

export function schemeOf(name: string | undefined): PidScheme | null {
  return name ? schemeAliases[name.trim().toLowerCase()] ?? null : null;
}

/**
 * Reads an identifier: in the scheme the source named when it named one we know, else by
 * recognising its form. URLs that are no known PID stay URLs; anything else is not an identifier.
 */
export function parsePid(value: string, schemeName?: string): Pid | null {
  const scheme = schemeOf(schemeName);
  if (scheme && scheme !== 'url') return parsers[scheme](value) ?? null;
  if (scheme === 'url') return /^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(value.trim()) ? { scheme: 'url', value: value.trim(), iri: value.trim() } : null;
  for (const parse of [parseDoi, parseOrcid, parseRor, parseHalId, parsers.swhid, parsers.arxiv, parsers.ark]) {
    const pid = parse(value);
    if (pid) return pid;
  }
  const trimmed = value.trim();
  if (/^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(trimmed)) return { scheme: 'url', value: trimmed, iri: trimmed };
  return null;
}
