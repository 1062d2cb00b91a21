import type * as z from 'zod'
import { activatePlugins } from '../../plugins/index.js'
import { commitPage, keepTargetFull, nextPageUrl, walk, type RunCtx } from '../context.js'
import type { MapEntry } from '../id-map.js'
import { contentHash } from '../mappers/records.js'
import type { RecordLog } from '../runs.repo.js'
import { modeHash } from '../phases/records.js'
import { statement } from '../../statements.js'
import { isOutage } from '../../../core/import/run-context.js'

/** The identity-map resources the Geolocation and ExhibitBuilder phases fill. */
export type PluginResource = 'geolocations' | 'exhibits' | 'exhibit_pages'

/** What a phase must know about one kind of plugin record. */
export interface PluginKind<R extends { id: number }> {
  resource: PluginResource
  /** The plugin that serves it (enabled on the target when the origin serves it). */
  plugin: 'geolocation' | 'exhibit-builder'
  schema: z.ZodType<R>
  /**
   * The local write for a remote record: its hash input and a writer (given the local id to
   * rewrite, or undefined to create), or why it is skipped. `adopt` is an existing local record
   * that the origin's takes over (a location of the same item).
   */
  plan(
    ctx: RunCtx,
    r: R,
  ):
    | { skip: string }
    | {
        hashOf: unknown
        messages: string[]
        adopt?: number
        write(localId: number | undefined): number
        created?: () => RecordLog[]
      }
  /** A digest of the local record as stored (null: it is gone); a change means it was edited here. */
  fingerprint(ctx: RunCtx, localId: number): string | null
  /** Deletes the local record (mirror deletions). */
  remove(ctx: RunCtx, localId: number): void
}

/** A fingerprint of a local record's stored state (kept in the map's `local_modified`). */
export function fingerprintOf(row: unknown): string | null {
  return row === undefined || row === null ? null : contentHash(row)
}

export const remoteIdOf = (raw: unknown) =>
  typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null

/**
 * One remote record through the engine's rules: unchanged when the hash matches (unless mirror
 * finds a local edit), else created or rewritten; dry runs only report.
 */
export function handlePluginRecord<R extends { id: number }>(
  ctx: RunCtx,
  kind: PluginKind<R>,
  raw: unknown,
  entry: MapEntry | undefined,
): RecordLog[] {
  const { resource } = kind
  const parsed = kind.schema.safeParse(raw)
  if (!parsed.success)
    return [
      {
        resource,
        remoteId: remoteIdOf(raw),
        localId: null,
        outcome: 'failed',
        message: `Unreadable record: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
      },
    ]
  const r = parsed.data
  const p = kind.plan(ctx, r)
  if ('skip' in p)
    return [{ resource, remoteId: r.id, localId: entry?.localId ?? null, outcome: 'skipped', message: p.skip }]
  const hash = modeHash(ctx, contentHash(p.hashOf))
  const mirror = ctx.run.options.mode === 'mirror'
  const current = entry ? kind.fingerprint(ctx, entry.localId) : null
  const editedHere = current !== null && current !== entry?.localModified
  if (entry && current !== null && entry.hash === hash && !(editedHere && mirror)) {
    return [
      {
        resource,
        remoteId: r.id,
        localId: entry.localId,
        outcome: 'unchanged',
        message: editedHere ? 'Edited locally since the last import; kept' : null,
      },
    ]
  }
  const live = entry && current !== null ? entry : undefined
  const target = live?.localId ?? p.adopt
  const outcome = target !== undefined ? 'updated' : 'created'
  // Read after the write: writing may add notes (a slug taken here).
  const message = () =>
    [...p.messages, ...(live === undefined && p.adopt !== undefined ? [`Matched local record ${p.adopt}`] : [])].join(
      '; ',
    ) || null
  if (ctx.dry) return [{ resource, remoteId: r.id, localId: target ?? null, outcome, message: message() }]
  const localId = p.write(target)
  const createdByRun = outcome === 'created' ? ctx.run.id : (live?.createdByRun ?? null)
  ctx.map.put(resource, {
    remoteId: r.id,
    localId,
    hash,
    localModified: kind.fingerprint(ctx, localId),
    createdByRun,
    pending: null,
  })
  return [{ resource, remoteId: r.id, localId, outcome, message: message() }, ...(p.created?.() ?? [])]
}

/** Each record in its own savepoint, so one bad record fails alone. */
export function guarded(ctx: RunCtx, resource: PluginResource, raw: unknown, fn: () => RecordLog[]): RecordLog[] {
  try {
    return ctx.deps.db.$client.transaction(fn)()
  } catch (err) {
    keepTargetFull(err)
    return [{ resource, remoteId: remoteIdOf(raw), localId: null, outcome: 'failed', message: (err as Error).message }]
  }
}

/** The log message of a run that enabled a plugin here (undo reads it back). */
export const PLUGIN_ENABLED = 'Enabled the plugin '

/**
 * Whether the origin serves these resources (its `/api/resources`); when it does, the plugin is
 * enabled here too (not in a dry run), so imported records are served. Unreadable: logged, false.
 */
export async function originServes(
  ctx: RunCtx,
  kind: PluginKind<{ id: number }>,
  resources: readonly string[],
): Promise<boolean> {
  const res = await ctx.client.getJson(ctx.client.apiUrl('resources'))
  if (!res.ok && isOutage(res.error)) {
    // The origin down: the run stops here, interrupted, and asks again on resume (a failed row that no
    // resume clears would leave the run `completed_with_errors` once everything was read).
    const message = `Could not read the origin's resources: ${res.error.message}`
    ctx.unread = { resource: kind.resource, message }
    ctx.store.transaction(() =>
      ctx.store.log(ctx.run.id, [
        { resource: kind.resource, remoteId: null, localId: null, outcome: 'failed', message },
      ]),
    )
    return false
  }
  if (!res.ok) {
    ctx.pageErrors++
    commitPage(ctx, { resource: kind.resource, url: null }, () => [
      {
        resource: kind.resource,
        remoteId: null,
        localId: null,
        outcome: 'failed',
        message: `Could not read the origin's resources: ${res.error.message}`,
      },
    ])
    return false
  }
  const listed = res.value.json !== null && typeof res.value.json === 'object' ? Object.keys(res.value.json) : []
  if (!resources.every((r) => listed.includes(r))) return false
  if (!ctx.dry && !ctx.deps.plugins.active.has(kind.plugin)) {
    activatePlugins(ctx.deps, [kind.plugin])
    // Logged (not counted) so an undo of the run disables the plugin again.
    ctx.store.transaction(() =>
      ctx.store.log(ctx.run.id, [
        {
          resource: kind.resource,
          remoteId: null,
          localId: null,
          outcome: 'updated',
          message: `${PLUGIN_ENABLED}${kind.plugin}`,
        },
      ]),
    )
  }
  return true
}

/** Mirror mode, after a complete walk: records mapped here that the origin no longer has are deleted. */
export function mirrorPluginDeletions(ctx: RunCtx, kind: PluginKind<{ id: number }>, seen: ReadonlySet<number>): void {
  const gone = ctx.map.remoteIds(kind.resource).filter((id) => !seen.has(id))
  if (!gone.length) return
  const entries = ctx.map.lookup(kind.resource, gone)
  commitPage(ctx, null, () =>
    [...entries.values()].map((e): RecordLog => {
      if (!ctx.dry) {
        kind.remove(ctx, e.localId)
        ctx.map.remove(kind.resource, e.remoteId)
      }
      return {
        resource: kind.resource,
        remoteId: e.remoteId,
        localId: e.localId,
        outcome: 'deleted',
        message: 'Deleted at the origin',
      }
    }),
  )
}

/**
 * A plugin phase: the whole index is walked (the plugins have no `modified_since`), unchanged
 * records are left alone, and a mirror run that walked everything deletes what the origin lost.
 * `onPage` handles one index page's records (inside its transaction) and returns their logs.
 */
export async function pluginPhase(
  ctx: RunCtx,
  kind: PluginKind<{ id: number }>,
  resources: readonly string[],
  url: string,
  onPage: (records: unknown[], seen: Set<number>) => Promise<() => RecordLog[]>,
): Promise<void> {
  if (!(await originServes(ctx, kind, resources))) return
  const seen = new Set<number>()
  // A resumed walk skips the records this run already handled: its `seen` is partial, so it deletes nothing.
  const fromStart = new URL(url).searchParams.get('page') === '1' && ctx.skip?.resource !== kind.resource
  const complete = await walk(ctx, kind.resource, url, async (page) => {
    const work = await onPage(page.records, seen)
    commitPage(ctx, { resource: kind.resource, url: nextPageUrl(page.url) }, work)
  })
  if (complete && fromStart && ctx.run.options.mode === 'mirror') mirrorPluginDeletions(ctx, kind, seen)
}

/** The simple case (locations, exhibits): each record of a page handled in index order. */
export function recordsInOrder(
  ctx: RunCtx,
  kind: PluginKind<{ id: number }>,
  records: unknown[],
  seen: Set<number>,
): () => RecordLog[] {
  const ids = records.map(remoteIdOf).filter((id): id is number => id !== null)
  for (const id of ids) seen.add(id)
  const entries = ctx.map.lookup(kind.resource, ids)
  return () =>
    records.flatMap((raw) =>
      guarded(ctx, kind.resource, raw, () => handlePluginRecord(ctx, kind, raw, entries.get(remoteIdOf(raw) ?? -1))),
    )
}

/** Local ids of mapped records that still exist here (an attachment's item, a location's item). */
export function liveLocalIds(
  ctx: RunCtx,
  resource: 'items' | 'files' | 'exhibits' | 'exhibit_pages',
  remoteIds: readonly number[],
): Map<number, number> {
  // A closed list of table names (the resource is the table), never input.
  const exists = statement(ctx.deps.db, `SELECT 1 FROM ${resource} WHERE id = ?`)
  const out = new Map<number, number>()
  for (const [remote, e] of ctx.map.lookup(resource, remoteIds)) if (exists.get(e.localId)) out.set(remote, e.localId)
  if (ctx.dry) {
    // A dry run maps nothing: what it would have created stands in (local id 0, never written).
    const wouldCreate = statement(
      ctx.deps.db,
      "SELECT 1 FROM import_records WHERE run_id = ? AND resource = ? AND remote_id = ? AND outcome = 'created'",
    )
    for (const id of remoteIds) if (!out.has(id) && wouldCreate.get(ctx.run.id, resource, id)) out.set(id, 0)
  }
  return out
}
