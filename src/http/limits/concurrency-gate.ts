// Owns a cap on how many heavy requests of one kind run at once. Past it a request is refused at
// once (503 with Retry-After), not queued: a queue would only move the overload into memory.
export class ConcurrencyGate {
  private running = 0;

  constructor(readonly limit: number) {}

  /** A release function when there is room, null when the gate is full. */
  tryEnter(): (() => void) | null {
    if (this.running >= this.limit) return null;
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
    };
  }

  get inUse(): number {
    return this.running;
  }
}
