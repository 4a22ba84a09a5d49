// Owns reading an OAI-PMH 2.0 request (GET query or POST form) into a verb and its arguments, with
// the protocol's error codes for a missing, repeated or illegal verb or argument
// (https://www.openarchives.org/OAI/openarchivesprotocol.html#ErrorConditions).
import type { Context } from 'hono';

export type OaiErrorCode = 'badArgument' | 'badResumptionToken' | 'badVerb' | 'cannotDisseminateFormat' | 'idDoesNotExist' | 'noRecordsMatch' | 'noMetadataFormats' | 'noSetHierarchy';

/** An OAI-PMH error: answered with HTTP 200 and an <error> element, as the protocol requires. */
export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Verb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'ListIdentifiers' | 'ListRecords' | 'GetRecord';

/** Which arguments each verb takes: required, optional, and exclusive (resumptionToken). */
const verbArguments: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

export interface OaiRequest {
  verb: Verb;
  args: Record<string, string>;
}

async function parametersOf(c: Context): Promise<URLSearchParams> {
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) throw new OaiError('badArgument', 'A POST request must be application/x-www-form-urlencoded');
    return new URLSearchParams(await c.req.text());
  }
  return new URL(c.req.url).searchParams;
}

/** The request's verb and arguments; the echo of a bad request carries no attributes (§3.6). */
export async function readOaiRequest(c: Context): Promise<OaiRequest> {
  const params = await parametersOf(c);
  const verbs = params.getAll('verb');
  if (verbs.length !== 1) throw new OaiError('badVerb', verbs.length === 0 ? 'The request has no verb' : 'The verb argument is repeated');
  const verb = verbs[0] as Verb;
  const allowed = verbArguments[verb];
  if (!allowed) throw new OaiError('badVerb', `"${verbs[0]}" is not an OAI-PMH verb`);

  const args: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name === 'verb') continue;
    if (name in args) throw new OaiError('badArgument', `The argument ${name} is repeated`);
    if (![...allowed.required, ...allowed.optional, allowed.exclusive].includes(name)) throw new OaiError('badArgument', `${verb} does not take the argument ${name}`);
    args[name] = value;
  }
  if (allowed.exclusive && args[allowed.exclusive] !== undefined) {
    if (Object.keys(args).length > 1) throw new OaiError('badArgument', `${allowed.exclusive} is an exclusive argument`);
    return { verb, args };
  }
  for (const name of allowed.required) if (!args[name]) throw new OaiError('badArgument', `${verb} needs the argument ${name}`);
  return { verb, args };
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const secondPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** from/until as bounds on stored ISO date-times (millisecond precision), checking their granularity. */
export function dateRange(args: Record<string, string>): { from?: string; until?: string } {
  const granularity = (value: string, name: string): 'day' | 'second' => {
    const kind = dayPattern.test(value) ? 'day' : secondPattern.test(value) ? 'second' : null;
    if (!kind || Number.isNaN(new Date(value).getTime())) throw new OaiError('badArgument', `${name}="${value}" is not a UTC date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm:ssZ)`);
    return kind;
  };
  const range: { from?: string; until?: string } = {};
  const fromKind = args.from ? granularity(args.from, 'from') : null;
  const untilKind = args.until ? granularity(args.until, 'until') : null;
  if (fromKind && untilKind && fromKind !== untilKind) throw new OaiError('badArgument', 'from and until must have the same granularity');
  if (args.from) range.from = fromKind === 'day' ? `${args.from}T00:00:00.000Z` : args.from.replace('Z', '.000Z');
  if (args.until) range.until = untilKind === 'day' ? `${args.until}T23:59:59.999Z` : args.until.replace('Z', '.999Z');
  if (range.from && range.until && range.from > range.until) throw new OaiError('badArgument', 'from is later than until');
  return range;
}
