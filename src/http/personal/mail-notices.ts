// Owns what the service e-mails besides alerts' own text: the new datasets of a saved search (asked
// of the service's GraphQL API, as any client would) and the notice to a repository's contact that
// a question arrived on one of its datasets.
import type { Hono } from 'hono';
import type { Logger } from '../../log/index.js';
import type { FindNew, Mailer, Question } from '../../personal/index.js';
import { searchRequest } from '../../search/search-url.js';

const newQuery = `query New($text: String, $filters: SearchFilters) {
  search(text: $text, interpret: true, filters: $filters, first: 50, sort: year, lang: fr) { totalCount edges { node { iri title(lang: fr) } } }
}`;

/** New datasets of a saved search since an instant, through the app's own /graphql. */
export function newDatasetsFinder(app: Hono): FindNew {
  return async (query, since) => {
    const { q, filters } = searchRequest(new URLSearchParams(query));
    const body = JSON.stringify({ query: newQuery, variables: { text: q || null, filters: { ...filters, types: ['dataset'], addedSince: since } } });
    const response = await app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await response.json()) as { data?: { search: { totalCount: number; edges: Array<{ node: { iri: string; title: string | null } }> } }; errors?: Array<{ message: string }> };
    if (!answer.data) throw new Error(`saved search query failed: ${answer.errors?.[0]?.message ?? response.status}`);
    return { total: answer.data.search.totalCount, items: answer.data.search.edges.map((e) => e.node) };
  };
}

export function notifyQuestion(mailer: Mailer, contacts: Array<{ source: string; email: string }>, question: Question, sources: string[], publicBaseUrl: string | undefined, logger: Logger): void {
  const to = [...new Set(contacts.filter((c) => c.source === '*' || sources.includes(c.source)).map((c) => c.email))];
  if (to.length === 0) return;
  const link = `${(publicBaseUrl ?? '').replace(/\/+$/, '')}/fr/ressource?iri=${encodeURIComponent(question.resource)}`;
  const text = `Une question a été posée sur un jeu de données de votre entrepôt :\n\n${question.text}\n\n${link}\n\nLes curateurs du catalogue y répondront ; vous pouvez leur transmettre des éléments de réponse.`;
  for (const email of to) {
    mailer.send({ to: email, subject: 'Nouvelle question sur un jeu de données', text }).catch((error: unknown) => logger.warn({ err: error }, 'question notice not sent'));
  }
}
