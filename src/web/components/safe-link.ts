// Owns which values may become links on a page: http(s), mailto and this service's own paths, so a
// harvested or edited "javascript:" or "data:" IRI is shown as text, never run. The linked-data
// landing pages use it too.
export function safeLink(target: string): string | null {
  if (/^(https?:\/\/|mailto:)/i.test(target)) return target;
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  return null;
}
