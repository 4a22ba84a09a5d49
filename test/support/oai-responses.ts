// Builds OAI-PMH 2.0 responses around real metadata records, as a repository would send them.

export interface OaiRecordSpec {
  id: string;
  datestamp: string;
  metadata?: string;
  deleted?: boolean;
  sets?: string[];
}

const envelope = (verb: string, inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
  <responseDate>2026-11-22T10:00:00Z</responseDate>
  <request verb="${verb}">http://repository.example.org/oai</request>
${inner}
</OAI-PMH>`;

export function listRecords(records: OaiRecordSpec[], token: { value: string; completeListSize?: number } | null = null): string {
  const body = records
    .map(
      (r) => `    <record>
      <header${r.deleted ? ' status="deleted"' : ''}><identifier>${r.id}</identifier><datestamp>${r.datestamp}</datestamp>${(r.sets ?? []).map((s) => `<setSpec>${s}</setSpec>`).join('')}</header>
${r.deleted ? '' : `      <metadata>${r.metadata}</metadata>\n`}    </record>`,
    )
    .join('\n');
  const resumption = token ? `    <resumptionToken${token.completeListSize ? ` completeListSize="${token.completeListSize}"` : ''}>${token.value}</resumptionToken>\n` : '';
  return envelope('ListRecords', `  <ListRecords>\n${body}\n${resumption}  </ListRecords>`);
}

export function oaiError(verb: string, code: string, message: string): string {
  return envelope(verb, `  <error code="${code}">${message}</error>`);
}

export function identify(granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ'): string {
  return envelope(
    'Identify',
    `  <Identify><repositoryName>Test repository</repositoryName><baseURL>http://repository.example.org/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>admin@example.org</adminEmail><earliestDatestamp>2000-01-01</earliestDatestamp><deletedRecord>persistent</deletedRecord><granularity>${granularity}</granularity></Identify>`,
  );
}
