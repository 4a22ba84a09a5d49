// Owns the personal space in GraphQL: `me` (the signed-in user, their collections and saved
// searches), collections (shared by link, public, official), questions on datasets, and every
// change as a mutation. A mutation needs a session (401 otherwise) and the session's CSRF token in
// the x-csrf-token header (403 otherwise); one user never reads or changes another's private data
// (the personal/ classes check it; "not found" rather than "forbidden" for what one may not see).
import { createGraphQLError } from 'graphql-yoga';
import { PersonalSpaceError, alertFrequencies, type Collection, type CollectionItem, type Question, type SavedSearch, type User } from '../../personal/index.js';
import { searchRequest } from '../../search/search-url.js';
import { doiIn } from './dois.js';
import { runSearch } from './query-type.js';
import { ResourceRef, titleOf } from './resource-types.js';
import { builder, Lang, pagedComplexity, pageSize, type GraphqlContext, type PageSize } from './schema-builder.js';
import { badUserInput } from './cursors.js';

const statusOf = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, TOO_MANY_REQUESTS: 429 } as const;

/** A personal-space refusal as a GraphQL error with its code and HTTP status. */
function refused(error: unknown): never {
  if (error instanceof PersonalSpaceError) throw createGraphQLError(error.message, { extensions: { code: error.code, http: { status: statusOf[error.code] } } });
  throw error;
}
const guarded = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    refused(error);
  }
};

/** The signed-in user of a mutation, who sent the session's CSRF token. */
function actor(c: GraphqlContext): User {
  if (!c.session) refused(new PersonalSpaceError('UNAUTHENTICATED', 'Sign in first'));
  if (!c.csrfOk) throw createGraphQLError('The CSRF token is missing or wrong (send it in the x-csrf-token header)', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  return c.session.user;
}

const itemPage: PageSize = { default: 100, max: 1000 };
const RoleEnum = builder.enumType('Role', { values: ['user', 'curator', 'admin'] as const });
const VisibilityEnum = builder.enumType('Visibility', { values: ['private', 'link', 'public'] as const, description: 'private: its owner only; link: anyone with its share link; public: everyone.' });
const FrequencyEnum = builder.enumType('AlertFrequency', { values: alertFrequencies, description: 'How often the owner gets an e-mail about new datasets.' });

const ItemRef = builder.objectRef<CollectionItem>('CollectionItem');
ItemRef.implement({
  fields: (t) => ({
    iri: t.exposeID('resource', { nullable: false }),
    title: t.exposeString('title', { nullable: false, description: 'Its title when it was added (kept if it leaves the catalogue).' }),
    doi: t.string({ nullable: true, resolve: (i) => i.doi }),
    addedAt: t.exposeString('addedAt', { nullable: false }),
    resource: t.field({ type: ResourceRef, nullable: true, description: 'The resource, or null when it is no longer in the catalogue (a tombstone).', resolve: async (i, _args, c) => ((await c.loaders.summaries.load(i.resource)).length > 0 ? { iri: i.resource } : null) }),
  }),
});

const SpanRef = builder.objectRef<{ start: string | null; end: string | null; west: number | null; south: number | null; east: number | null; north: number | null }>('CollectionCoverage');
SpanRef.implement({
  description: 'The time span and the area its datasets cover together.',
  fields: (t) => ({
    start: t.string({ nullable: true, resolve: (s) => s.start }),
    end: t.string({ nullable: true, resolve: (s) => s.end }),
    west: t.float({ nullable: true, resolve: (s) => s.west }),
    south: t.float({ nullable: true, resolve: (s) => s.south }),
    east: t.float({ nullable: true, resolve: (s) => s.east }),
    north: t.float({ nullable: true, resolve: (s) => s.north }),
  }),
});

const CollectionRef = builder.objectRef<Collection>('Collection');
CollectionRef.implement({
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    title: t.exposeString('title', { nullable: false }),
    description: t.exposeString('description', { nullable: false }),
    visibility: t.field({ type: VisibilityEnum, nullable: false, resolve: (k) => k.visibility }),
    official: t.exposeBoolean('official', { nullable: false }),
    modifiedAt: t.exposeString('modifiedAt', { nullable: false }),
    canEdit: t.boolean({ nullable: false, resolve: (k, _args, c) => c.personal.collections.canEdit(k, c.session?.user ?? null) }),
    shareToken: t.string({ nullable: true, description: 'For those who may edit it, while it is shared by link.', resolve: (k, _args, c) => (c.personal.collections.canEdit(k, c.session?.user ?? null) ? k.shareToken : null) }),
    ownerName: t.string({ nullable: true, resolve: (k, _args, c) => (k.ownerId === null ? null : (c.personal.accounts.byId(k.ownerId)?.name ?? null)) }),
    itemCount: t.int({ nullable: false, resolve: (k, _args, c) => c.personal.collections.count(k.id) }),
    items: t.field({
      type: [ItemRef],
      nullable: false,
      args: { first: t.arg.int({ required: false }) },
      complexity: pagedComplexity(itemPage),
      resolve: (k, { first }, c) => c.personal.collections.items(k.id, pageSize(first, itemPage, badUserInput)),
    }),
    coverage: t.field({ type: SpanRef, nullable: false, resolve: (k, _args, c) => c.personal.collections.coverage(k.id) }),
  }),
});

const SavedSearchRef = builder.objectRef<SavedSearch>('SavedSearch');
const countOf = async (c: GraphqlContext, search: SavedSearch, since?: string) => {
  const { q, filters } = searchRequest(new URLSearchParams(search.query));
  const shape = await runSearch(c, { text: q || null, filters, interpret: true, first: 0, ...(since ? { addedSince: since } : {}) });
  return shape.result.total;
};
SavedSearchRef.implement({
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    query: t.exposeString('query', { nullable: false, description: 'The search page’s URL parameters (q=...&theme=...).' }),
    frequency: t.field({ type: FrequencyEnum, nullable: false, resolve: (s) => s.frequency }),
    visitedAt: t.exposeString('visitedAt', { nullable: false }),
    alertedAt: t.exposeString('alertedAt', { nullable: false }),
    totalCount: t.int({ nullable: false, complexity: 20, resolve: (s, _args, c) => countOf(c, s) }),
    newSinceVisit: t.int({ nullable: false, complexity: 20, description: 'Results that reached the catalogue since its owner last opened it.', resolve: (s, _args, c) => countOf(c, s, s.visitedAt) }),
    newSinceAlert: t.int({ nullable: false, complexity: 20, description: 'Results that reached the catalogue since the last alert.', resolve: (s, _args, c) => countOf(c, s, s.alertedAt) }),
  }),
});

const QuestionRef = builder.objectRef<Question>('Question');
QuestionRef.implement({
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    resource: t.exposeString('resource', { nullable: false }),
    text: t.exposeString('text', { nullable: false }),
    askedAt: t.exposeString('askedAt', { nullable: false }),
    author: t.string({ nullable: true, description: 'Null once its author deleted their account.', resolve: (q, _args, c) => (q.authorId === null ? null : (c.personal.accounts.byId(q.authorId)?.name ?? null)) }),
    answer: t.string({ nullable: true, resolve: (q) => q.answer }),
    answeredAt: t.string({ nullable: true, resolve: (q) => q.answeredAt }),
    hidden: t.exposeBoolean('hidden', { nullable: false }),
    frequent: t.exposeBoolean('frequent', { nullable: false }),
  }),
});

const ViewerRef = builder.objectRef<User>('Viewer');
ViewerRef.implement({
  description: 'The signed-in user.',
  fields: (t) => ({
    orcid: t.exposeString('orcid', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    email: t.string({ nullable: true, resolve: (u) => u.email }),
    lang: t.field({ type: Lang, nullable: false, resolve: (u) => u.lang }),
    role: t.field({ type: RoleEnum, nullable: false, resolve: (u) => u.role }),
    csrfToken: t.string({ nullable: false, description: 'Send it back in the x-csrf-token header of every mutation.', resolve: (_u, _args, c) => c.session!.csrf }),
    collections: t.field({ type: [CollectionRef], nullable: false, resolve: (u, _args, c) => c.personal.collections.ownedBy(u.id) }),
    savedSearches: t.field({ type: [SavedSearchRef], nullable: false, complexity: { field: 1, multiplier: 100 }, resolve: (u, _args, c) => c.personal.searches.ownedBy(u.id) }),
    personalData: t.string({ nullable: false, description: 'Everything stored about them, as JSON (GDPR).', resolve: (u, _args, c) => JSON.stringify(c.personal.accounts.personalData(u.id)) }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({ type: ViewerRef, nullable: true, description: 'The signed-in user (null when signed out).', resolve: (_root, _args, c) => c.session?.user ?? null }),
  collection: t.field({
    type: CollectionRef,
    nullable: true,
    description: 'A collection its viewer may see: public or official, shared by link (with its shareToken), or their own.',
    args: { id: t.arg.id({ required: true }), shareToken: t.arg.string({ required: false }) },
    resolve: (_root, { id, shareToken }, c) => c.personal.collections.readable(String(id), c.session?.user ?? null, shareToken ?? null),
  }),
  officialCollections: t.field({ type: [CollectionRef], nullable: false, args: { first: t.arg.int({ required: false }) }, resolve: (_root, { first }, c) => c.personal.collections.official(Math.min(Math.max(first ?? 12, 0), 50)) }),
  questions: t.field({
    type: [QuestionRef],
    nullable: false,
    description: 'Questions on a resource, frequent ones first (hidden ones only for curators and their authors).',
    args: { resource: t.arg.string({ required: true }), frequentOnly: t.arg.boolean({ required: false }) },
    complexity: { field: 1, multiplier: 100 },
    resolve: (_root, { resource, frequentOnly }, c) => c.personal.questions.ofResource(resource, c.session?.user ?? null, { frequentOnly: frequentOnly ?? false }),
  }),
}));

builder.mutationType({
  description: 'Changes to the personal space: each needs a session and its CSRF token.',
  fields: (t) => ({
    updateProfile: t.field({
      type: ViewerRef,
      nullable: false,
      args: { email: t.arg.string({ required: false }), lang: t.arg({ type: Lang, required: false }) },
      resolve: (_root, { email, lang }, c) => {
        const user = actor(c);
        if (email && (email.length > 254 || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email))) throw badUserInput('email is not an e-mail address');
        return c.personal.accounts.updateProfile(user.id, { ...(email !== undefined ? { email: email || null } : {}), ...(lang ? { lang } : {}) });
      },
    }),
    createCollection: t.field({
      type: CollectionRef,
      nullable: false,
      args: { title: t.arg.string({ required: true }), description: t.arg.string({ required: false }), official: t.arg.boolean({ required: false }) },
      resolve: (_root, args, c) => guarded(() => c.personal.collections.create(actor(c), { title: args.title, ...(args.description ? { description: args.description } : {}), official: args.official ?? false })),
    }),
    updateCollection: t.field({
      type: CollectionRef,
      nullable: false,
      args: { id: t.arg.id({ required: true }), title: t.arg.string({ required: false }), description: t.arg.string({ required: false }), visibility: t.arg({ type: VisibilityEnum, required: false }) },
      resolve: (_root, args, c) =>
        guarded(() => c.personal.collections.update(String(args.id), actor(c), { ...(args.title != null ? { title: args.title } : {}), ...(args.description != null ? { description: args.description } : {}), ...(args.visibility ? { visibility: args.visibility } : {}) })),
    }),
    renewShareLink: t.field({ type: CollectionRef, nullable: false, description: 'A new share link; the old one stops working.', args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, c) => guarded(() => c.personal.collections.renewShareLink(String(id), actor(c))) }),
    deleteCollection: t.boolean({ nullable: false, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, c) => guarded(() => (c.personal.collections.delete(String(id), actor(c)), true)) }),
    addToCollection: t.field({
      type: CollectionRef,
      nullable: false,
      args: { id: t.arg.id({ required: true }), resource: t.arg.string({ required: true }) },
      resolve: async (_root, { id, resource }, c) => {
        const user = actor(c);
        const statements = await c.loaders.statements.load(resource);
        if (statements.length === 0 && (await c.loaders.summaries.load(resource)).length === 0) throw createGraphQLError('No such resource in the catalogue', { extensions: { code: 'NOT_FOUND', http: { status: 404 } } });
        const title = (await titleOf(c, resource, user.lang)) ?? resource;
        return guarded(() => c.personal.collections.add(String(id), user, { resource, title, doi: doiIn(statements) }));
      },
    }),
    removeFromCollection: t.field({
      type: CollectionRef,
      nullable: false,
      args: { id: t.arg.id({ required: true }), resource: t.arg.string({ required: true }) },
      resolve: (_root, { id, resource }, c) => guarded(() => c.personal.collections.remove(String(id), actor(c), resource)),
    }),
    saveSearch: t.field({
      type: SavedSearchRef,
      nullable: false,
      args: { name: t.arg.string({ required: true }), query: t.arg.string({ required: true, description: 'The search page’s URL parameters.' }), frequency: t.arg({ type: FrequencyEnum, required: false }) },
      resolve: (_root, args, c) => guarded(() => c.personal.searches.save(actor(c), { name: args.name, query: args.query, ...(args.frequency ? { frequency: args.frequency } : {}) })),
    }),
    updateSavedSearch: t.field({
      type: SavedSearchRef,
      nullable: false,
      args: { id: t.arg.id({ required: true }), name: t.arg.string({ required: false }), frequency: t.arg({ type: FrequencyEnum, required: false }) },
      resolve: (_root, args, c) => guarded(() => c.personal.searches.update(String(args.id), actor(c), { ...(args.name != null ? { name: args.name } : {}), ...(args.frequency ? { frequency: args.frequency } : {}) })),
    }),
    markSearchVisited: t.field({ type: SavedSearchRef, nullable: false, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, c) => guarded(() => c.personal.searches.visited(String(id), actor(c))) }),
    deleteSavedSearch: t.boolean({ nullable: false, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, c) => guarded(() => (c.personal.searches.delete(String(id), actor(c)), true)) }),
    askQuestion: t.field({
      type: QuestionRef,
      nullable: false,
      args: { resource: t.arg.string({ required: true }), text: t.arg.string({ required: true }) },
      resolve: async (_root, { resource, text }, c) => {
        const user = actor(c);
        const statements = await c.loaders.statements.load(resource);
        if (statements.length === 0) throw createGraphQLError('No such resource in the catalogue', { extensions: { code: 'NOT_FOUND', http: { status: 404 } } });
        const question = guarded(() => c.personal.questions.ask(user, resource, text));
        c.notifyQuestion?.(question, [...new Set(statements.map((s) => s.source).filter((s): s is string => s !== null))]);
        return question;
      },
    }),
    moderateQuestion: t.field({
      type: QuestionRef,
      nullable: false,
      description: 'Curators: answer (or edit the answer), hide, or mark as frequent.',
      args: { id: t.arg.id({ required: true }), answer: t.arg.string({ required: false }), hidden: t.arg.boolean({ required: false }), frequent: t.arg.boolean({ required: false }) },
      resolve: (_root, args, c) =>
        guarded(() => c.personal.questions.moderate(actor(c), Number(args.id), { ...(args.answer != null ? { answer: args.answer } : {}), ...(args.hidden != null ? { hidden: args.hidden } : {}), ...(args.frequent != null ? { frequent: args.frequent } : {}) })),
    }),
    setRole: t.field({
      type: ViewerRef,
      nullable: true,
      description: 'Admins: give a role to the user of an ORCID iD (null when nobody signed in with it).',
      args: { orcid: t.arg.string({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
      resolve: (_root, { orcid, role }, c) => {
        const user = actor(c);
        if (user.role !== 'admin') refused(new PersonalSpaceError('FORBIDDEN', 'Only admins give roles'));
        return c.personal.accounts.setRole(orcid, role);
      },
    }),
    deleteMyAccount: t.boolean({
      nullable: false,
      description: 'Deletes the account: its private collections and saved searches go, its public collections and questions stay without its name.',
      resolve: (_root, _args, c) => (c.personal.accounts.deleteAccount(actor(c).id), true),
    }),
  }),
});
