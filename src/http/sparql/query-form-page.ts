// Owns the HTML a browser gets on a plain GET of /sparql: a form that sends a query by GET, so
// people can try the endpoint without a client.
import { html } from 'hono/html';

const example = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?dataset ?title WHERE {
  ?dataset a dcat:Dataset ; dct:title ?title .
} LIMIT 20`;

export function queryFormPage(endpointUrl: string): ReturnType<typeof html> {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Maillage SPARQL endpoint</title>
    <link rel="alternate" type="text/turtle" href="${endpointUrl}" title="SPARQL 1.1 Service Description" />
  </head>
  <body>
    <h1>Maillage SPARQL 1.1 endpoint</h1>
    <p>Send queries to <code>${endpointUrl}</code> (GET or POST). The default graph is the union of all graphs.
      The service description is this URL with <code>Accept: text/turtle</code>; statistics are at <a href="/.well-known/void">/.well-known/void</a>.</p>
    <form method="get" action="${endpointUrl}">
      <textarea name="query" rows="12" cols="100">${example}</textarea><br />
      <label>Result format
        <select name="format">
          <option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option><option value="csv">CSV</option><option value="tsv">TSV</option>
          <option value="turtle">Turtle (CONSTRUCT, DESCRIBE)</option><option value="jsonld">JSON-LD (CONSTRUCT, DESCRIBE)</option>
        </select>
      </label>
      <button type="submit">Run</button>
    </form>
  </body>
</html>`;
}
