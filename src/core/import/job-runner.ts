/**
 * In-process, cooperative background jobs keyed by run id (the Classic and Omeka S import engines
 * share it): one job per id, aborted cooperatively, awaited at shutdown or inline in tests.
 */
export class JobRunner {
  private readonly active = new Map<number, { abort: AbortController; done: Promise<void> }>()

  constructor(private readonly inline = false) {}

  isActive(id: number): boolean {
    return this.active.has(id)
  }

  /** Starts `work` on the next tick; `onError` records a crash. Inline runners resolve when it is done. */
  async launch(id: number, work: (signal: AbortSignal) => Promise<void>, onError: (err: Error) => void): Promise<void> {
    const abort = new AbortController()
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(abort.signal))
      .catch((err: unknown) => onError(err as Error))
      .finally(() => this.active.delete(id))
    this.active.set(id, { abort, done })
    if (this.inline) await done
  }

  /** Aborts a running job with a reason; false when it is not running. */
  abort(id: number, reason: string): boolean {
    const job = this.active.get(id)
    job?.abort.abort(reason)
    return !!job
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.all([...this.active.values()].map((j) => j.done))
  }

  /** Stops every job as a crash would (status stays resumable). */
  interruptAll(): void {
    for (const j of this.active.values()) j.abort.abort('shutdown')
  }
}
