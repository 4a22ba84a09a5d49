// Owns progress display for long CLI work: one rewritten line on a terminal, a line every few
// seconds otherwise (logs, CI), always on stderr so stdout stays clean for data.
export interface Progress {
  update(done: number, total?: number): void;
  note(message: string): void;
  done(message: string): void;
}

const number = new Intl.NumberFormat('en-US');

export function createProgress(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let lastPrinted = 0;
  const interactive = Boolean(stream.isTTY);
  const line = (done: number, total?: number): string => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const share = total ? ` / ${number.format(total)} (${Math.floor((done / total) * 100)}%)` : '';
    return `${label}: ${number.format(done)}${share} ${unit}, ${number.format(rate)} ${unit}/s, ${seconds.toFixed(1)} s`;
  };
  return {
    update(done, total) {
      const now = performance.now();
      if (interactive) {
        if (now - lastPrinted < 100 && done !== total) return;
        stream.write(`\r\x1b[2K${line(done, total)}`);
      } else {
        if (now - lastPrinted < 2000 && done !== total) return;
        stream.write(`${line(done, total)}\n`);
      }
      lastPrinted = now;
    },
    note(message) {
      stream.write(`${interactive ? '\r\x1b[2K' : ''}${label}: ${message}\n`);
    },
    done(message) {
      stream.write(`${interactive ? '\r\x1b[2K' : ''}${label}: ${message} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  };
}
