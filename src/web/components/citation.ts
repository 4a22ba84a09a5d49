// Owns "how to cite": the DataCite recommended form, Creator (Year). Title. Publisher. https://doi.org/...
// (five creators at most, then "et al."), and the DOI read from a resource's identifiers.

/** The DOI among identifiers (bare, doi: or https://doi.org/ forms), without its resolver prefix. */
export function doiOf(identifiers: string[]): string | null {
  for (const id of identifiers) {
    const match = /(?:^|doi\.org\/|^doi:)(10\.\d{4,9}\/\S+)$/i.exec(id.trim());
    if (match) return match[1]!;
  }
  return null;
}

export interface Citable {
  title: string | null;
  issued: string | null;
  identifiers: string[];
  landingPage: string | null;
  creators: Array<{ title: string | null }>;
  publisher: { title: string | null } | null;
}

export function citationOf(resource: Citable): string {
  const names = resource.creators.map((c) => c.title).filter((n): n is string => !!n);
  const creators = names.length > 5 ? `${names.slice(0, 5).join('; ')} et al.` : names.join('; ');
  const year = resource.issued?.slice(0, 4);
  const doi = doiOf(resource.identifiers);
  const where = doi ? `https://doi.org/${doi}` : resource.landingPage;
  return [creators ? `${creators}${year ? ` (${year})` : ''}.` : year ? `(${year}).` : '', resource.title ? `${resource.title}.` : '', resource.publisher?.title ? `${resource.publisher.title}.` : '', where ?? '']
    .filter((part) => part.length > 0)
    .join(' ');
}
