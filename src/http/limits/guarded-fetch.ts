// Owns every fetch the service makes on behalf of a request (SPARQL SERVICE calls, the documents
// and JSON-LD contexts they lead to): only URLs on the configured allow-list, only http(s), no
// redirects, and never to loopback, private, link-local or otherwise internal addresses, checked on
// the address actually connected to (after DNS), so a public name that resolves inside is refused too.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { ForbiddenUrlError } from '../../errors/index.js';

export interface OutboundPolicy {
  /** Endpoint URLs that may be fetched (compared without query string or fragment). */
  allowList: readonly string[];
  /** Only for tests and closed networks: let listed endpoints be on internal addresses. */
  allowInternalAddresses?: boolean;
}

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) internal.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is internal (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address: refuse rather than guess
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const withoutQuery = (url: URL) => `${url.protocol}//${url.host}${url.pathname}`;

/** The URL when the policy allows fetching it; a ForbiddenUrlError naming the setting otherwise. */
export function allowedUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ForbiddenUrlError(`${JSON.stringify(raw)} is not a URL this service fetches`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ForbiddenUrlError(`Only http(s) URLs are fetched, not ${url.protocol}`);
  const listed = policy.allowList.some((entry) => withoutQuery(new URL(entry)) === withoutQuery(url));
  if (!listed) throw new ForbiddenUrlError(`<${withoutQuery(url)}> is not on this service's federation allow-list (SPARQL_FEDERATION_ALLOW)`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowInternalAddresses && isIP(host) !== 0 && isInternalAddress(host)) throw new ForbiddenUrlError(`<${withoutQuery(url)}> is an internal address; the service does not fetch those`);
  return url;
}

/** DNS lookup that refuses names resolving to an internal address (checked at connect time). */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as LookupAddress[];
    const refused = list.find((a) => isInternalAddress(a.address));
    if (refused || list.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to an internal address`), { code: 'EFORBIDDEN' }), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/** A fetch for work done on a request's behalf, under the policy. */
export function guardedFetch(policy: OutboundPolicy): typeof fetch {
  const dispatcher = new Agent(policy.allowInternalAddresses ? {} : { connect: { lookup: guardedLookup } });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = allowedUrl(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, policy);
    const request = input instanceof Request ? input : undefined;
    return undiciFetch(url, {
      method: init?.method ?? request?.method ?? 'GET',
      headers: (init?.headers ?? request?.headers) as never,
      body: (init?.body ?? null) as never,
      signal: init?.signal ?? request?.signal ?? null,
      // A listed endpoint must not send the service elsewhere.
      redirect: 'error',
      dispatcher,
    }) as unknown as Response;
  }) as typeof fetch;
}
