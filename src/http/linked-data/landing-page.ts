// Owns the HTML landing page of a catalogue resource: what people see when a browser follows an
// IRI. It shows the resource's statements and the resources linked to it, links to the other
// representations, and carries the schema.org block that dataset search engines read.
import type { Quad } from '@rdfjs/types';
import { html, raw } from 'hono/html';
import { prefixes } from '../../mapping/namespaces.js';
import { safeLink } from '../../web/components/safe-link.js';

const shortForms = Object.entries(prefixes).filter(([name]) => name !== 'dcterms');

function curie(iri: string): string {
  for (const [name, namespace] of shortForms) if (iri.startsWith(namespace) && iri.length > namespace.length) return `${name}:${iri.slice(namespace.length)}`;
  return iri;
}

export interface LandingPage {
  iri: string;
  quads: readonly Quad[];
  labels: Map<string, string>;
  language: string;
  /** Where a catalogue IRI is served here (the IRI itself when it is not ours). */
  href: (iri: string) => string;
  schemaOrg: object | null;
  alternates: Array<{ mediaType: string; href: string }>;
  gone?: { deletedAt: string | null };
}

function term(page: LandingPage, value: Quad['object']) {
  if (value.termType === 'NamedNode') {
    // Only http(s), mailto and our own paths become links; a javascript: or data: IRI is shown as text.
    const target = safeLink(page.href(value.value));
    const text = page.labels.get(value.value) ?? curie(value.value);
    return target ? html`<a href="${target}">${text}</a>` : html`<code>${text}</code>`;
  }
  if (value.termType === 'BlankNode') return html`<em>(${value.value.slice(0, 8)})</em>`;
  const language = value.termType === 'Literal' ? value.language : '';
  return html`${value.value}${language ? html` <small>@${language}</small>` : ''}`;
}

export function landingPage(page: LandingPage): ReturnType<typeof html> {
  const about = page.quads.filter((q) => q.subject.value === page.iri);
  const inbound = page.quads.filter((q) => q.object.value === page.iri && q.subject.value !== page.iri);
  const title = page.labels.get(page.iri) ?? curie(page.iri);
  // JSON inside <script> must not close the element.
  const schemaJson = page.schemaOrg ? JSON.stringify(page.schemaOrg).replace(/</g, '\\u003c') : null;
  return html`<!doctype html>
<html lang="${page.language}">
  <head>
    <meta charset="utf-8" />
    <title>${title} — Maillage</title>
    <link rel="canonical" href="${page.iri}" />
    ${page.alternates.map((a) => html`<link rel="alternate" type="${a.mediaType}" href="${a.href}" />`)}
    ${schemaJson ? html`<script type="application/ld+json">${raw(schemaJson)}</script>` : ''}
  </head>
  <body>
    <h1>${title}</h1>
    <p><code>${page.iri}</code></p>
    ${page.gone ? html`<p role="alert">This record was deleted by its source${page.gone.deletedAt ? ` on ${page.gone.deletedAt}` : ''}; its last metadata is kept below.</p>` : ''}
    <table>
      <tbody>
        ${about.map((q) => html`<tr><th>${curie(q.predicate.value)}</th><td>${term(page, q.object)}</td></tr>`)}
      </tbody>
    </table>
    ${inbound.length > 0
      ? html`<h2>Linked from</h2>
          <ul>
            ${inbound.map((q) => html`<li>${term(page, q.subject as Quad['object'])} <small>${curie(q.predicate.value)}</small></li>`)}
          </ul>`
      : ''}
    <p>Other formats: ${page.alternates.map((a) => html`<a href="${a.href}">${a.mediaType}</a> `)}</p>
  </body>
</html>`;
}
