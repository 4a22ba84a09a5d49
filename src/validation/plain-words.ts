// Owns saying a SHACL finding in words a repository manager understands. The published DCAT-AP
// shapes carry no messages, and the engine's own ("Less than 1 values") names neither the field
// nor whose gap it is: on a harvested record it is the source record's, so the words say so.

const nouns: Record<string, string> = {
  title: 'title', description: 'description', license: 'licence', publisher: 'publisher', creator: 'creator', accessRights: 'access rights',
  rights: 'rights statement', format: 'format', mediaType: 'media type', accessURL: 'access URL', downloadURL: 'download URL', landingPage: 'landing page',
  language: 'language', theme: 'theme', keyword: 'keyword', issued: 'publication date', modified: 'modification date', contactPoint: 'contact point',
  identifier: 'identifier', prefLabel: 'label', name: 'name', relation: 'related resource', conformsTo: 'standard it follows', byteSize: 'size in bytes',
  accrualPeriodicity: 'update frequency', spatial: 'spatial coverage', temporal: 'temporal coverage', distribution: 'distribution', checksumValue: 'checksum',
  spatialResolutionInMeters: 'spatial resolution', geometry: 'geometry', provenance: 'provenance statement', applicableLegislation: 'applicable legislation',
  compressFormat: 'compression format', packageFormat: 'package format', page: 'documentation page', homepage: 'home page', type: 'type', version: 'version',
};

/** The engine's default messages, which the words replace; a shape's own message is kept. */
const engineDefault = /^(|Less than \d+ values|More than \d+ values|Value does not have .*|Value is not .*|Value does not .*|ClassConstraint.*)$/;

const localName = (iri: string) => iri.replace(/^<|>$/g, '').replace(/^.*[#/]/, '');

function nounOf(path: string | null): string {
  if (!path) return 'value';
  const last = localName(path.split('|')[0]!.split('/').pop()!);
  return nouns[last] ?? last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The finding in plain words, or the shape's own message when it has one. */
export function plainWords(finding: { path: string | null; component: string; value: string | null; message: string }): string {
  if (!engineDefault.test(finding.message)) return finding.message;
  const noun = nounOf(finding.path);
  const component = localName(finding.component);
  const literal = finding.value?.startsWith('"') ? finding.value.replace(/^"((?:[^"\\]|\\.)*)".*$/, '$1').slice(0, 80) : null;
  switch (component) {
    case 'MinCountConstraintComponent':
      return `The source record has no ${noun}.`;
    case 'MaxCountConstraintComponent':
      return `The source record gives more than one ${noun}; DCAT-AP allows one.`;
    case 'NodeKindConstraintComponent':
    case 'ClassConstraintComponent':
      return literal !== null
        ? `The source record gives its ${noun} as text ("${literal}") where DCAT-AP expects a link to it.`
        : `The source record's ${noun} is not described as DCAT-AP expects (${finding.message || component}).`;
    case 'DatatypeConstraintComponent':
      return `The source record's ${noun}${literal !== null ? ` "${literal}"` : ''} is not written in the form DCAT-AP expects (${finding.message}).`;
    default:
      return finding.message || `The source record's ${noun} breaks a DCAT-AP rule (${component}).`;
  }
}
