// Owns Virtuoso's own RDF loader as a write path: a batch of graph replacements is written as a
// TriG file in a folder Virtuoso may read (its DirsAllowed), and one call of a stored procedure
// clears the batch's graphs and loads the file with DB.DBA.TTLP, in one transaction: a reader never
// sees half a record, and a batch that fails changes nothing. The server parses the file at its
// loader's speed, where the text of a SPARQL Update goes through its SPARQL lexer at about 0.6 MB/s
// (bench remote-writes compares the paths). The graphs to clear go in a file too, so no IRI of a
// record is ever written into SQL; the SQL text is ours alone, with a generated file name.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bulkFolderProblem } from '../../config/index.js';
import { sparqlIri } from '../../rdf/index.js';
import type { GraphRequestPart } from './batched-graph-writes.js';
import type { SparqlProtocolClient } from './sparql-protocol-client.js';

export interface VirtuosoBulkFolder {
  /** Where this service writes the batch files. */
  dir: string;
  /** The same folder as the Virtuoso server sees it (another path in a container); default `dir`. */
  dirAtServer?: string;
}

const procedure = 'DB.DBA.MAILLAGE_REPLACE_GRAPHS_V1';
const indexProcedure = 'DB.DBA.MAILLAGE_GRAPH_INDEX_V2';
/**
 * The procedure's SQL: ours, constant. TTLP flag 256 reads TriG; `batch` is a generated path. The
 * split string is NUL NUL LF (escape, quote, separator), written doubly escaped for the SPARQL string.
 */
const procedureText = `create procedure ${procedure} (in batch varchar)
{
  declare graphs any;
  declare i integer;
  declare exit handler for sqlstate '*' { rollback work; resignal; };
  graphs := split_and_decode (file_to_string (batch || '.graphs'), 0, '\\\\0\\\\0\\\\n');
  for (i := 0; i < length (graphs); i := i + 1)
    if (length (graphs[i]) > 0)
      delete from DB.DBA.RDF_QUAD where G = iri_to_id (graphs[i], 0);
  DB.DBA.TTLP (file_to_string_output (batch || '.trig'), '', 'urn:maillage:bulk-default', 256);
  commit work;
  return 1;
}`;

/**
 * Virtuoso's quad indexes (PSOG, POGS and the projections GS, SP, OP) find a graph's quads through
 * their subjects: deleting a record graph then walks, for each of its subjects, that subject's
 * statements in every other graph. Record graphs share subjects (a theme, a licence, an
 * organisation described in thousands of records), so replacing one record cost time in proportion
 * to the catalogue: a reindex of 10,400 records took 188 to 257 s against 57 s with an index on
 * (G, S, P, O), through which a graph's quads are one range (2026-11). The procedure creates that
 * index once (on 1.6 million quads it took 2.4 s), then checkpoints: killed before a checkpoint,
 * Virtuoso 7.2 came back with the index half known ("SQ156 ... table has no index" on every write).
 */
const indexProcedureText = `create procedure ${indexProcedure} ()
{
  if (exists (select 1 from DB.DBA.SYS_KEYS where KEY_TABLE = 'DB.DBA.RDF_QUAD' and KEY_NAME = 'RDF_QUAD_GSPO'))
    return 0;
  exec ('create column index RDF_QUAD_GSPO on DB.DBA.RDF_QUAD (G, S, P, O) partition (S int (0hexffff00))');
  exec ('checkpoint');
  return 1;
}`;

export class VirtuosoBulkLoader {
  private defined: Promise<void> | null = null;
  private readonly dirAtServer: string;

  constructor(
    private readonly client: SparqlProtocolClient,
    private readonly folder: VirtuosoBulkFolder,
    private readonly timeoutMs: number,
  ) {
    this.dirAtServer = folder.dirAtServer ?? folder.dir;
    for (const dir of [folder.dir, this.dirAtServer]) {
      const problem = bulkFolderProblem(dir);
      if (problem) throw new Error(`The bulk folder ${dir} ${problem}`);
    }
  }

  /**
   * Defines the procedure, then runs an empty batch: a server that cannot read the folder, or an
   * account that may not define or run procedures, is told at start, with what to change. Then
   * makes sure the graph index exists (see indexProcedureText).
   */
  async check(): Promise<{ indexCreated: boolean }> {
    await this.replace([]);
    await this.define(indexProcedureText);
    // Creating the index on a large store takes minutes: the write timeout applies.
    const answer = await this.client.callAsWriter(`SELECT (<sql:${indexProcedure.split('.').pop()}>() AS ?created) WHERE {}`, this.timeoutMs).catch((error: Error) => {
      throw explained(error);
    });
    return { indexCreated: /"value"\s*:\s*"1"/.test(answer) };
  }

  /** Clears these graphs and loads their new triples, in one transaction (`clear`: false only adds). */
  async replace(parts: readonly GraphRequestPart[], clear = true): Promise<void> {
    await this.defineProcedure();
    mkdirSync(this.folder.dir, { recursive: true });
    const name = `maillage-${Date.now()}-${randomBytes(6).toString('hex')}`;
    const local = path.join(this.folder.dir, name);
    try {
      // Readable by the server's account, which is usually not ours.
      writeFileSync(`${local}.graphs`, clear ? parts.map((p) => `${p.graph}\n`).join('') : '', { mode: 0o644 });
      writeFileSync(`${local}.trig`, parts.filter((p) => p.ntriples).map((p) => `${sparqlIri(p.graph)} {\n${p.ntriples}}\n`).join(''), { mode: 0o644 });
      const atServer = `${this.dirAtServer.replace(/[\\/]+$/, '')}/${name}`;
      await this.client.callAsWriter(`SELECT (<sql:${procedure.split('.').pop()}>('${atServer}') AS ?done) WHERE {}`, this.timeoutMs).catch((error: Error) => {
        throw explained(error);
      });
    } finally {
      rmSync(`${local}.graphs`, { force: true });
      rmSync(`${local}.trig`, { force: true });
    }
  }

  /** bif:exec runs our constant SQL text; a SPARQL long string holds it as it is. */
  private async define(sql: string): Promise<void> {
    await this.client.callAsWriter(`SELECT (bif:exec("""${sql}""") AS ?defined) WHERE {}`, this.timeoutMs);
  }

  private defineProcedure(): Promise<void> {
    this.defined ??= this.define(procedureText)
      .then(
        () => undefined,
        (error: Error) => {
          this.defined = null;
          throw explained(error);
        },
      );
    return this.defined;
  }
}

/** Virtuoso's words for a folder or an account that the bulk path needs, with the setting to change. */
function explained(error: Error): Error {
  if (/FA\d{3}|access control in ini file|DirsAllowed/i.test(error.message)) {
    error.message = `${error.message} (the bulk folder REMOTE_BULK_DIR must be listed in DirsAllowed of virtuoso.ini and readable by the server)`;
  } else if (/SR186|No permission|SR185|Undefined procedure|SQ200/i.test(error.message)) {
    error.message = `${error.message} (the bulk loader needs a REMOTE_USER with Virtuoso's DBA role)`;
  }
  return error;
}
