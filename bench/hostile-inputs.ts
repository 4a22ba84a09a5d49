// The hostile-input corpus: files that attack or break the harvest's readers, each with what must
// happen to it. Two sizes: "ci" (small enough for the test suite) and "full" (the sizes the
// reliability issue names: 100 MB strings, 50 MB literals, a million blank nodes, 1 GB of nesting
// is represented by 200,000 levels, past which the reader stops at once anyway).

export interface HostileInput {
  name: string;
  file: string;
  content: () => string | Buffer;
  expect: 'refused' | 'read';
  /** What the report must say. */
  reason?: RegExp;
}

export const goodRecord = `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/good-record</identifier>
<creators><creator><creatorName>Dupont, Jeanne</creatorName></creator></creators><titles><title>A good record</title></titles>
<publisher>Recherche Data Gouv</publisher><publicationYear>2024</publicationYear><resourceType resourceTypeGeneral="Dataset">Dataset</resourceType></resource>`;

const datacite = (doi: string, title: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${prolog}<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">${doi}</identifier><titles><title>${title}</title></titles><publisher>x</publisher><publicationYear>2020</publicationYear></resource>`;
const turtle = (body: string) => `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n${body}`;

export function hostileInputs(size: 'ci' | 'full'): HostileInput[] {
  const big = size === 'full';
  const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i === 0 ? '' : i + 1};`.repeat(10)}">`)].join('');
  return [
    { name: 'XML external entity (XXE)', file: 'xxe.xml', expect: 'refused', reason: /xxe\.xml: XML not read \(.*undefined entity.*no DTD entity is ever expanded/, content: () => datacite('10.1/xxe', '&xxe;', '<?xml version="1.0"?><!DOCTYPE resource [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') },
    { name: 'entity expansion ("billion laughs")', file: 'laughs.xml', expect: 'refused', reason: /laughs\.xml: XML not read \(.*undefined entity/, content: () => datacite('10.1/lol', '&lol9;', `<?xml version="1.0"?><!DOCTYPE resource [${lol}]>`) },
    {
      name: 'XML nested 200,000 deep',
      file: 'deep.xml',
      expect: 'refused',
      reason: /deep\.xml: XML not read \(XML nested deeper than 256 elements/,
      content: () => `<resource xmlns="http://datacite.org/schema/kernel-4">${'<a>'.repeat(big ? 200_000 : 20_000)}${'</a>'.repeat(big ? 200_000 : 20_000)}</resource>`,
    },
    {
      name: 'OAI-PMH page nested deep in a record',
      file: 'deep-oai.xml',
      expect: 'refused',
      reason: /nested deeper than 256 elements/,
      content: () => `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>oai:x:1</identifier><datestamp>2024-01-01</datestamp></header><metadata>${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}</metadata></record></ListRecords></OAI-PMH>`,
    },
    { name: 'invalid UTF-8', file: 'bad-utf8.xml', expect: 'refused', reason: /bad-utf8\.xml: not valid UTF-8/, content: () => Buffer.concat([Buffer.from(datacite('10.1/utf', 'caf').slice(0, -120)), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(datacite('10.1/utf', 'x').slice(-120))]) },
    { name: 'a declared encoding nobody knows', file: 'klingon.xml', expect: 'refused', reason: /declares the encoding "x-klingon"/, content: () => datacite('10.1/kl', 'x', '<?xml version="1.0" encoding="x-klingon"?>') },
    { name: 'Latin-1 declared and used (read as declared)', file: 'latin1.xml', expect: 'read', content: () => Buffer.from(datacite('10.1/latin', 'café', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1') },
    { name: 'JSON nested 100,000 deep', file: 'deep.json', expect: 'refused', reason: /deep\.json: not a JSON shape we read/, content: () => `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
    { name: 'a 100,000-digit number', file: 'bignum.json', expect: 'read', content: () => `{"data":{"id":"10.1/num","type":"dois","attributes":{"doi":"10.1/num","titles":[{"title":"n"}],"publicationYear":${'9'.repeat(100_000)}}}}` },
    {
      name: `a ${big ? 100 : 20} MB string`,
      file: 'bigstring.json',
      expect: 'refused',
      reason: /the record is \d+\.\d MB, over the 16 MB limit/,
      content: () => `{"data":{"id":"10.1/str","type":"dois","attributes":{"doi":"10.1/str","titles":[{"title":"${'x'.repeat((big ? 100 : 20) * 1024 * 1024)}"}]}}}`,
    },
    { name: 'RDF with an invalid IRI', file: 'bad-iri.ttl', expect: 'refused', reason: /bad-iri\.ttl is not readable text\/turtle: .*Invalid IRI/, content: () => turtle('<https://ex.org/d 2> a dcat:Dataset ; dct:title "bad" .\n') },
    {
      name: `a ${big ? 50 : 20} MB RDF literal`,
      file: 'big-literal.ttl',
      expect: 'refused',
      reason: /the record is \d+\.\d MB, over the 16 MB limit/,
      content: () => turtle(`<https://ex.org/d1> a dcat:Dataset ; dct:identifier "d1" ; dct:title "${'y'.repeat((big ? 50 : 20) * 1024 * 1024)}" .\n`),
    },
    {
      name: `${big ? '1,000,000' : '100,000'} blank nodes`,
      file: 'blank-nodes.ttl',
      expect: 'read',
      content: () => turtle(`<https://ex.org/d4> a dcat:Dataset ; dct:title "many blanks" ; dct:identifier "d4" .\n${Array.from({ length: big ? 1_000_000 : 100_000 }, (_, i) => `_:b${i} <http://ex.org/p> _:b${i + 1} .`).join('\n')}\n`),
    },
  ];
}
