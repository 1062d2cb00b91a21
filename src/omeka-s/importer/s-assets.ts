import { randomBytes } from 'node:crypto'
import pLimit from 'p-limit'
import { refId, splitFilename } from '../fixtures/insert.js'
import { contentHash } from '../../core/import/content-hash.js'
import { commitPage, nextPageUrl, walk, type RunCtx } from './context.js'
import { claimId, decide, dryRunLog, recordHash, remember, type Decision } from './s-records.js'
import { ownerFor } from './owners.js'
import type { Deps } from '../deps.js'
import type { MapEntry } from './id-map.js'
import type { RecordLog } from './runs.repo.js'
import { downloadUnavailable, remoteIdOf, throwIfDownloadsUnavailable } from '../../core/import/run-context.js'
import { originAsset, readRecord } from './origin.schemas.js'

/** An asset as mapped from the origin; `filename` is the origin's (a new one means new bytes: assets' files never change in place). */
interface AssetIn {
  ownerId: number | null
  name: string
  mediaType: string
  altText: string | null
  filename: string
}

interface PlannedAsset {
  remoteId: number | null
  asset: AssetIn | null
  entry: MapEntry | undefined
  decision: Decision | null
  hash: string
  bytes: Buffer | null
  message: string | null
  /** The download failed because the origin is unavailable: the page is read again on resume. */
  unavailable?: boolean
}

/** Assets have no modified date: a local edit shows as a changed fingerprint of the editable fields. */
export function assetStamp(deps: Deps, id: number | undefined): string | undefined {
  if (id === undefined) return undefined
  const row = deps.db.$client
    .prepare<unknown[], { o: number | null; name: string; a: string | null }>(
      'SELECT owner_id AS o, name, alt_text AS a FROM asset WHERE id = ?',
    )
    .get(id)
  return row && contentHash([row.o, row.name, row.a])
}

/** Maps one asset and, when its bytes are new here, downloads them (never in a dry run). */
async function planAsset(ctx: RunCtx, input: unknown): Promise<PlannedAsset> {
  const parsed = readRecord(originAsset, input)
  const remoteId = parsed.ok ? parsed.value['o:id'] : remoteIdOf(input)
  const p: PlannedAsset = {
    remoteId,
    asset: null,
    entry: undefined,
    decision: null,
    hash: '',
    bytes: null,
    message: null,
  }
  if (!parsed.ok) return { ...p, message: parsed.message }
  const raw = parsed.value
  const filename = raw['o:filename']
  p.asset = {
    ownerId: ownerFor(ctx, refId(raw['o:owner'])),
    name: raw['o:name'] ?? filename,
    mediaType: raw['o:media_type'] ?? 'application/octet-stream',
    altText: raw['o:alt_text'] ?? null,
    filename,
  }
  p.entry = ctx.map.get('assets', raw['o:id'])
  p.hash = recordHash(ctx, p.asset)
  p.decision = decide(ctx, p.entry, assetStamp(ctx.deps, p.entry?.localId), p.hash)
  const sameFile =
    p.decision.existing !== null &&
    p.entry?.data &&
    (JSON.parse(p.entry.data) as { filename?: string }).filename === filename
  if (p.decision.outcome === 'unchanged' || sameFile || ctx.run.options.dry_run) return p
  const url = raw['o:asset_url']
  const r = url ? await ctx.client.download(url) : null
  if (!r?.ok)
    return {
      ...p,
      message: `Download failed: ${r ? r.error.message : 'no o:asset_url'}`,
      unavailable: !!r && downloadUnavailable(r.error),
    }
  p.bytes = r.value
  return p
}

/** Stores the bytes under the origin's storage id when free here (mirror), else a new one. */
function storeBytes(ctx: RunCtx, a: AssetIn, bytes: Buffer): { storageId: string; extension: string | null } {
  const { db, files } = ctx.deps
  const name = splitFilename(a.filename)
  const keep =
    ctx.run.options.mode === 'mirror' &&
    name.storageId &&
    /^[A-Za-z0-9_-]+$/.test(name.storageId) &&
    !files.exists('asset', a.filename) &&
    !db.$client.prepare('SELECT 1 FROM asset WHERE storage_id = ?').get(name.storageId)
  const storageId = keep ? name.storageId! : randomBytes(20).toString('hex')
  const extension = name.extension && /^[A-Za-z0-9]+$/.test(name.extension) ? name.extension : null
  files.write('asset', extension ? `${storageId}.${extension}` : storageId, bytes)
  return { storageId, extension }
}

function writeAsset(ctx: RunCtx, p: PlannedAsset): RecordLog {
  const { db, files } = ctx.deps
  const a = p.asset!
  const d = p.decision!
  const base = { resource: 'assets' as const, remoteId: p.remoteId! }
  if (d.outcome === 'unchanged') return { ...base, localId: d.existing, outcome: 'unchanged', message: d.message }
  if (ctx.run.options.dry_run) return dryRunLog('assets', p.remoteId!, p.entry, d)
  const id = d.existing ?? claimId(ctx, 'asset', p.remoteId!)
  if (d.existing === null) {
    const f = storeBytes(ctx, a, p.bytes!)
    db.$client
      .prepare(
        'INSERT INTO asset (id, owner_id, name, media_type, storage_id, extension, alt_text) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, a.ownerId, a.name, a.mediaType, f.storageId, f.extension, a.altText)
  } else {
    db.$client
      .prepare('UPDATE asset SET owner_id = ?, name = ?, media_type = ?, alt_text = ? WHERE id = ?')
      .run(a.ownerId, a.name, a.mediaType, a.altText, id)
    if (p.bytes) {
      const old = db.$client
        .prepare<
          unknown[],
          {
            s: string
            e: string | null
          }
        >('SELECT storage_id AS s, extension AS e FROM asset WHERE id = ?')
        .get(id)!
      const f = storeBytes(ctx, a, p.bytes)
      db.$client
        .prepare('UPDATE asset SET storage_id = ?, extension = ? WHERE id = ?')
        .run(f.storageId, f.extension, id)
      files.deleteStored('asset', old.e ? `${old.s}.${old.e}` : old.s, old.s)
    }
  }
  remember(ctx, 'assets', p.remoteId!, id, p.hash, assetStamp(ctx.deps, id) ?? null, d, p.entry, {
    filename: a.filename,
  })
  return { ...base, localId: id, outcome: d.outcome }
}

/** Assets (before item sets, whose thumbnails they are): downloads with bounded concurrency, then one transaction per page. */
export async function importSAssets(ctx: RunCtx, url: string): Promise<void> {
  const limit = pLimit(ctx.downloadConcurrency)
  await walk(ctx, 'assets', url, async (page) => {
    const planned = await Promise.all(page.records.map((raw) => limit(() => planAsset(ctx, raw))))
    // Bytes are stored only when the page is committed: nothing to discard.
    throwIfDownloadsUnavailable(
      'asset',
      planned.filter((p) => p.unavailable).map((p) => `assets/${p.remoteId}: ${p.message}`),
      () => {},
    )
    commitPage(ctx, { resource: 'assets', url: nextPageUrl(page.url) }, () =>
      planned.map(
        (p): RecordLog =>
          p.message
            ? { resource: 'assets', remoteId: p.remoteId, localId: null, outcome: 'failed', message: p.message }
            : writeAsset(ctx, p),
      ),
    )
  })
}
