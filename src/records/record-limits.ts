// Owns the bounds on what a harvested record may be, so one hostile or broken record cannot take
// the memory or the time of a harvest: its size, and how deep its XML nests. Past them the record
// (or the page) is kept aside with the reason, and the harvest goes on.

/** The largest record kept (DataCite records with a thousand authors stay under 2 MB). */
export const maxRecordBytes = 16 * 1024 * 1024;

/** The deepest XML nesting read (DataCite, Dublin Core and DCAT stay under 20). */
export const maxXmlDepth = 256;

export class RecordLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordLimitError';
  }
}

/** Throws when an element opens deeper than maxXmlDepth (called from an XML parser's opentag handler). */
export function checkXmlDepth(depth: number): void {
  if (depth > maxXmlDepth) throw new RecordLimitError(`XML nested deeper than ${maxXmlDepth} elements: refused`);
}

/** Why a record's content is refused for its size, or null. */
export function oversized(content: string): string | null {
  const bytes = Buffer.byteLength(content);
  return bytes > maxRecordBytes ? `the record is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${maxRecordBytes / 1024 / 1024} MB limit: kept aside` : null;
}
