// Owns reading one OAI-PMH 2.0 response with a streaming XML parser: each record's metadata is
// sliced verbatim from the page; a page that breaks off keeps the records read before the break.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { RawRecord, RecordFailure } from '../../records/index.js';
import { checkXmlDepth } from '../../records/record-limits.js';

export const oaiNamespace = 'http://www.openarchives.org/OAI/2.0/';

export interface OaiPage {
  records: RawRecord[];
  failures: RecordFailure[];
  resumptionToken: string | null;
  completeListSize: number | null;
  error: { code: string; message: string } | null;
  /** Identify's granularity, when the page is an Identify response. */
  granularity: string | null;
  /** The metadataPrefix the response names in its <request> element. */
  requestedPrefix: string | null;
}

interface RecordDraft {
  id: string | null;
  datestamp: string | null;
  deleted: boolean;
  metadata: string | null;
  metadataRoot: SaxesTagNS | null;
}

/** Checks that a record's metadata is in the format asked for (the root element it must have). */
export type MetadataCheck = (root: SaxesTagNS) => string | null;

export function parseOaiPage(text: string, format: string, checkMetadata: MetadataCheck = () => null): OaiPage {
  const page: OaiPage = { records: [], failures: [], resumptionToken: null, completeListSize: null, error: null, granularity: null, requestedPrefix: null };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  let draft: RecordDraft | null = null;
  let textBuffer = '';
  let metadataDepth = -1;
  let metadataStart = -1;
  let sawRoot = false;

  parser.on('opentag', (tag) => {
    const depth = path.length;
    checkXmlDepth(depth + 1);
    if (depth === 0) {
      if (tag.local !== 'OAI-PMH' || tag.uri !== oaiNamespace) throw new Error(`not an OAI-PMH response (root element <${tag.name}>)`);
      sawRoot = true;
    }
    path.push(tag.local);
    textBuffer = '';
    if (metadataDepth >= 0) {
      if (depth === metadataDepth + 1 && metadataStart < 0) {
        metadataStart = text.lastIndexOf('<', parser.position - 1);
        if (draft) draft.metadataRoot = tag;
      }
      return;
    }
    if (tag.uri !== oaiNamespace) return;
    if (tag.local === 'record') draft = { id: null, datestamp: null, deleted: false, metadata: null, metadataRoot: null };
    else if (tag.local === 'header' && draft) draft.deleted = tag.attributes.status?.value === 'deleted';
    else if (tag.local === 'metadata' && draft) metadataDepth = depth;
    else if (tag.local === 'request') page.requestedPrefix = tag.attributes.metadataPrefix?.value ?? null;
    else if (tag.local === 'error') page.error = { code: tag.attributes.code?.value ?? 'unknown', message: '' };
    else if (tag.local === 'resumptionToken') {
      const size = tag.attributes.completeListSize?.value;
      if (size) page.completeListSize = Number(size);
    }
  });
  parser.on('text', (value) => (textBuffer += value));
  parser.on('cdata', (value) => (textBuffer += value));
  parser.on('closetag', (tag) => {
    path.pop();
    const depth = path.length;
    if (metadataDepth >= 0) {
      if (depth === metadataDepth + 1 && draft && metadataStart >= 0 && draft.metadata === null) draft.metadata = text.slice(metadataStart, parser.position);
      if (depth === metadataDepth) {
        metadataDepth = -1;
        metadataStart = -1;
      }
      return;
    }
    if (tag.uri !== oaiNamespace) return;
    const value = textBuffer.trim();
    if (tag.local === 'identifier' && draft && path[depth - 1] === 'header') draft.id = value;
    else if (tag.local === 'datestamp' && draft) draft.datestamp = value;
    else if (tag.local === 'error' && page.error) page.error.message = value;
    else if (tag.local === 'resumptionToken') page.resumptionToken = value || null;
    else if (tag.local === 'granularity') page.granularity = value;
    else if (tag.local === 'record' && draft) {
      finishRecord(draft, format, checkMetadata, page);
      draft = null;
    }
    textBuffer = '';
  });

  try {
    parser.write(text).close();
  } catch (error) {
    const message = (error as Error).message;
    if (!sawRoot) throw new Error(message.startsWith('not an OAI-PMH') ? message : `unreadable OAI-PMH response: ${message}`);
    page.failures.push({
      recordId: null,
      reason: `the page breaks off (${message}); ${page.records.length} records before it were kept`,
      excerpt: text.slice(Math.max(0, parser.position - 200), parser.position + 200),
    });
  }
  return page;
}

function finishRecord(draft: RecordDraft, format: string, checkMetadata: MetadataCheck, page: OaiPage): void {
  if (!draft.id) {
    page.failures.push({ recordId: null, reason: 'a record has no header identifier' });
    return;
  }
  if (draft.deleted) {
    page.records.push({ id: draft.id, format, datestamp: draft.datestamp, content: '', deleted: true });
    return;
  }
  if (!draft.metadata || !draft.metadataRoot) {
    page.failures.push({ recordId: draft.id, reason: 'the record has no metadata and is not marked deleted' });
    return;
  }
  const problem = checkMetadata(draft.metadataRoot);
  if (problem) {
    page.failures.push({ recordId: draft.id, reason: problem, excerpt: draft.metadata.slice(0, 500) });
    return;
  }
  page.records.push({ id: draft.id, format, datestamp: draft.datestamp, content: draft.metadata });
}
