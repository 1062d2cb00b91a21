import type { MapEntry } from './id-map.js'
import type { OriginKey } from './origin.js'
import type { ClientOptions } from './remote-client.js'
import type { ImportCtx, ProgressFn } from './run-context.js'
import type { BaseRunOptions, Cursor, RecordLog, RunRow, RunStore } from './run-store.js'

/** One step of a run: a resource walked from its first page (or from the checkpoint's URL). */
export interface Phase<R extends string, C> {
  resource: R
  /** Runs on a resumed run even before the checkpoint (schema phases rebuilding maps later phases need). */
  always?: boolean
  /** The first page's URL (the run's `since` narrows incremental phases). */
  url(ctx: C, perPage: number): string
  /** Imports the resource from `url`; `resumed` when `url` is the checkpoint's. */
  run(ctx: C, url: string, resumed: boolean): Promise<void>
}

/** What pre-flight learnt about the origin (or why it refused). */
export type PreflightResult =
  | {
      ok: true
      endpoint: string
      origin: string
      omekaUrl: string | null
      fromFlavor: 's' | 'classic'
      requests: number
    }
  | { ok: false; message: string }

export interface StartRequest<O, R extends string = string> {
  endpoint: string
  /** The origin's flavour (default: the port's). */
  fromFlavor?: 's' | 'classic'
  /** A Classic key may be given as a plain string ('' is no key). */
  key: OriginKey | string
  options: Omit<O, 'authenticated'>
  ownerId: number | null
  /** This site's own URL, to refuse importing a site into itself. */
  self: string | null
  progress?: ProgressFn<R> | undefined
}

/** A record a run created, as undo sees it. */
export type Created = Pick<MapEntry, 'remoteId' | 'localId' | 'localModified'>

/**
 * What a target flavour gives the kernel: where its runs live, its resources in dependency order
 * (phases), the context its mappers and writer need, what ends a run, and how to undo one record.
 */
export interface ImportPort<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>> {
  store: RunStore<R, O>
  /** The origin flavour of a run that does not say. */
  defaultFromFlavor: 's' | 'classic'
  /** Resources an origin shows only to some keys (users): its 403 on their index is skipped, not a failure. */
  restricted: readonly R[]
  /** The local table of a resource, for counting what is still here (mirror deletions). */
  liveTable(resource: R): string | null
  /** Checks the origin before a run is created. */
  preflight(
    req: StartRequest<O, R> & { fromFlavor: 's' | 'classic'; key: OriginKey },
    client: Partial<ClientOptions>,
  ): Promise<PreflightResult>
  /** Whether a completed run with options `a` can be the base of an incremental run with options `b`. */
  comparable(a: O, b: O): boolean
  /**
   * Whether re-runs of this run can be incremental: the origin gives a cheap listing of ids and `modified`
   * dates (Omeka S's `return_scalar`), so what changed in either direction is found besides the `modified`
   * bound. Otherwise (Classic: no such listing) every run reads every record and compares content hashes.
   */
  incremental(run: RunRow<R, O>): boolean
  /** The flavour's context around the kernel's. */
  context(base: ImportCtx<R, O>): C
  /** The run's resources in dependency order. */
  phases(run: RunRow<R, O>): readonly Phase<R, C>[]
  /** After the phases: pending links, mirror deletions (runs only when not aborted). */
  finish(ctx: C, start: Cursor<R>): Promise<void>
  undo: UndoPort<R>
}

export interface UndoPort<R extends string> {
  /** Resources in the order undo deletes them: children first. */
  order: readonly R[]
  /** Reorders the created records of a resource (e.g. child pages before parents). */
  arrange?(resource: R, created: Created[]): Created[]
  /** Why a created record must stay (edited here, still used), or null to delete it. */
  keepReason(resource: R, c: Created, force: boolean): string | null
  /** Deletes one record; returns work to do once the transaction committed (stored files). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a remover that returns nothing is fine; one that returns a function defers it past the commit
  remove(resource: R, localId: number): (() => void) | void
  /** Whatever else the run changed (overrides, tags), inside the undo's transaction. */
  after?(run: RunRow<R, BaseRunOptions>): void
}

export type { ProgressFn, RecordLog }
