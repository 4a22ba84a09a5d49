// Prints benchmark figures two ways: a table for people, JSON lines (prefixed BENCH) for machines.

export interface Figure {
  benchmark: string;
  case: string;
  backend: string;
  metric: string;
  value: number;
  unit: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function printFigures(figures: Figure[]): void {
  for (const figure of figures) process.stdout.write(`BENCH ${JSON.stringify(figure)}\n`);
}

/** A table of one metric per case, a column per backend, and the ratio of the first two. */
export function printComparison(title: string, figures: Figure[], metric: string): void {
  const rows = figures.filter((f) => f.metric === metric);
  const backends = [...new Set(rows.map((f) => f.backend))];
  const cases = [...new Set(rows.map((f) => f.case))];
  const unit = rows[0]?.unit ?? '';
  const header = ['case', ...backends.map((b) => `${b} (${unit})`), ...(backends.length === 2 ? [`${backends[0]}/${backends[1]}`] : [])];
  const body = cases.map((name) => {
    const values = backends.map((backend) => rows.find((f) => f.case === name && f.backend === backend)?.value ?? NaN);
    const ratio = backends.length === 2 ? [(values[0]! / values[1]!).toFixed(2)] : [];
    return [name, ...values.map((v) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(2))), ...ratio];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  process.stdout.write(`\n${title} — ${metric}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
}
