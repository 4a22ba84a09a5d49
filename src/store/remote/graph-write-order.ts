// Owns the order of writes to the same graph. A remote server runs each request as a transaction,
// but two requests replacing one graph at once can both delete before either inserts (Virtuoso
// reads committed data), leaving the union of two versions. Writes that share a graph therefore
// run one after the other, in the order they were asked; writes to other graphs go on in parallel.
export class GraphWriteOrder {
  private readonly last = new Map<string, Promise<void>>();

  async run<T>(graphs: readonly string[], write: () => Promise<T>): Promise<T> {
    const distinct = [...new Set(graphs)];
    const earlier = distinct.map((graph) => this.last.get(graph)).filter((p): p is Promise<void> => p !== undefined);
    let finished!: () => void;
    const mine = new Promise<void>((resolve) => (finished = resolve));
    for (const graph of distinct) this.last.set(graph, mine);
    try {
      await Promise.all(earlier);
      return await write();
    } finally {
      finished();
      for (const graph of distinct) if (this.last.get(graph) === mine) this.last.delete(graph);
    }
  }
}
