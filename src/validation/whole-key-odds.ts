// Owns the choice to look a focus node up by its whole neighbourhood before its shape units. A
// whole key reads every statement of the node, so the validator makes one only where the node has
// more shape units than statements (a distribution, a period: not a person, whose name and
// identifiers no unit reads). Then it pays where whole neighbourhoods repeat, and is wasted work
// and cache space where they never do (a dataset: one more keyword and its whole key is new), so
// the hit rate is kept per kind of node and the trying stops where it stays low. Findings are the
// same either way: the units give them exactly.

/** Tries before a kind's hit rate is trusted; then one try in `recheck` still goes ahead, in case it changes. */
const trusted = 64;
const recheck = 32;
/** Below one hit in this many tries, a kind's whole keys are not worth making. */
const worthEvery = 20;

export class WholeKeyOdds {
  private readonly byKind = new Map<string, { tries: number; hits: number; skipped: number }>();

  worthTrying(kind: string): boolean {
    const odds = this.byKind.get(kind);
    if (!odds || odds.tries < trusted || odds.hits * worthEvery >= odds.tries) return true;
    odds.skipped += 1;
    return odds.skipped % recheck === 0;
  }

  tried(kind: string, hit: boolean): void {
    let odds = this.byKind.get(kind);
    if (!odds) this.byKind.set(kind, (odds = { tries: 0, hits: 0, skipped: 0 }));
    odds.tries += 1;
    if (hit) odds.hits += 1;
  }
}
