// Tells listeners (the live dashboard's streams) that something changed, at most once per
// `delayMs`: a burst of thousands of requests costs one wake-up, and nothing at all while no
// one listens (the hot path pays one integer comparison).

export type Unsubscribe = () => void;

export class ChangeSignal {
  #listeners = new Set<() => void>();
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  #version = 0;

  constructor(private readonly delayMs = 100) {}

  /** Increases on every change, listened to or not. */
  get version(): number {
    return this.#version;
  }

  get listening(): boolean {
    return this.#listeners.size !== 0;
  }

  /** Marks a change; listeners hear of it once within `delayMs`. */
  touch(): void {
    this.#version++;
    if (this.#listeners.size === 0 || this.#scheduled !== undefined) return;
    this.#scheduled = setTimeout(this.#flush, this.delayMs);
    this.#scheduled.unref?.();
  }

  subscribe(listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#scheduled !== undefined) {
        clearTimeout(this.#scheduled);
        this.#scheduled = undefined;
      }
    };
  }

  readonly #flush = (): void => {
    this.#scheduled = undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch {
        // one broken listener must not silence the others
      }
    }
  };
}
