// Owns what each OAI-PMH metadata format's payload must look like at its root, so that a record
// in another format (or an empty shell) is kept aside at harvest rather than mapped wrongly.
import type { MetadataCheck } from './oai-pmh-page.js';

const dataciteKernel = /^http:\/\/datacite\.org\/schema\/kernel-\d/;

const checks: Record<string, MetadataCheck> = {
  oai_dc: (root) => (root.local === 'dc' ? null : `metadata is not oai_dc: its root is <${root.name}>`),
  // Dataverse and DataCite wrap the kernel resource in <oai_datacite>; others send <resource> itself.
  oai_datacite: (root) =>
    (root.local === 'resource' && dataciteKernel.test(root.uri)) || root.local === 'oai_datacite'
      ? null
      : `metadata is not oai_datacite: its root is <${root.name}> in ${root.uri || 'no namespace'}`,
};

export function metadataCheckFor(prefix: string): MetadataCheck {
  return checks[prefix] ?? (() => null);
}
