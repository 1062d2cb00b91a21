import { createHash } from 'node:crypto'
import pLimit from 'p-limit'
import { insertFile, updateFile } from '../../api/files/files.repo.js'
import { replaceElementTexts } from '../../api/element-texts/element-texts.repo.js'
import { FileStore, assertPlainFileName } from '../../../core/files/file-store.js'
import { commitPage, nextPageUrl, walk, type RunCtx } from '../context.js'
import type { MapEntry } from '../id-map.js'
import { mapFile, type FileFields, type MappedRecord } from '../mappers/records.js'
import { remoteFile, type RemoteFile } from '../../../core/import/classic-origin/remote.schemas.js'
import { downloadUnavailable, throwIfDownloadsUnavailable } from '../../../core/import/run-context.js'
import type { RecordLog } from '../runs.repo.js'
import { preferredId } from './schema.js'
import { modeHash, resolver } from './records.js'
import { statement } from '../../statements.js'
import { fileChanges } from '../diff.js'

interface Planned {
  remote: RemoteFile
  mapped: MappedRecord<FileFields>
  entry: MapEntry | undefined
  local: { filename: string; authentication: string | null } | undefined
  /** Set once the bytes are stored under this name. */
  stored?: string
  error?: string
  /** The download failed because the origin is unavailable (not a refusal): the page is read again on resume. */
  unavailable?: boolean
}

/** The stored name: in mirror mode the origin's own (so `file_urls` match) when it is plain and free. */
function storedName(ctx: RunCtx, f: RemoteFile): string {
  if (ctx.run.options.mode === 'mirror') {
    try {
      assertPlainFileName(f.filename)
      if (
        /^[A-Za-z0-9._-]+$/.test(f.filename) &&
        !statement(ctx.deps.db, 'SELECT 1 FROM files WHERE filename = ?').get(f.filename) &&
        !ctx.deps.files.exists('original', f.filename)
      )
        return f.filename
    } catch {
      /* not a plain name: make our own */
    }
  }
  return FileStore.generateStoredName(f.original_filename)
}

/**
 * Downloads, verifies (size and MD5 against `authentication`) and stores the bytes. Derivatives are
 * not made here: /files/<kind>/ generates them from the stored original on first request, so an
 * import is not held up by image resizing (about a quarter of a big import's time).
 */
async function fetchBytes(ctx: RunCtx, p: Planned): Promise<void> {
  const url = p.remote.file_urls.original
  if (!url) return void (p.error = 'The origin gives no URL for the original')
  const r = await ctx.client.download(url, p.remote.size)
  if (!r.ok) {
    p.unavailable = downloadUnavailable(r.error)
    return void (p.error = `Download failed: ${r.error.message}`)
  }
  const bytes = r.value
  if (bytes.length !== p.remote.size)
    return void (p.error = `Size mismatch: expected ${p.remote.size} bytes, got ${bytes.length}`)
  const md5 = createHash('md5').update(bytes).digest('hex')
  if (p.remote.authentication && md5 !== p.remote.authentication.toLowerCase())
    return void (p.error = `MD5 mismatch: expected ${p.remote.authentication}, got ${md5}`)
  const name = storedName(ctx, p.remote)
  ctx.deps.files.writeOriginal(name, bytes)
  p.stored = name
}

function commitFile(ctx: RunCtx, p: Planned): RecordLog {
  const { db } = ctx.deps
  const base = { resource: 'files' as const, remoteId: p.remote.id }
  const msg = p.mapped.messages.join('; ') || null
  if (p.error) return { ...base, localId: p.entry?.localId ?? null, outcome: 'failed', message: p.error }
  if (p.entry && p.local && p.entry.hash === p.mapped.hash)
    return { ...base, localId: p.entry.localId, outcome: 'unchanged' }
  const outcome = p.entry && p.local ? 'updated' : 'created'
  const changes = outcome === 'updated' ? fileChanges(ctx, p.entry!.localId, p.mapped.write) : null
  if (ctx.dry) return { ...base, localId: p.entry?.localId ?? null, outcome, message: msg, changes }
  const w = p.mapped.write
  let localId: number
  if (outcome === 'created' || p.stored) {
    if (outcome === 'updated') statement(db, 'DELETE FROM files WHERE id = ?').run(p.entry!.localId)
    localId = insertFile(
      db,
      { ...w, filename: p.stored!, stored: true },
      outcome === 'updated' ? p.entry!.localId : preferredId(ctx, 'files', p.remote.id),
    )
  } else {
    localId = p.entry!.localId
    updateFile(db, localId, { order: w.order, modified: w.modified })
    statement(
      db,
      'UPDATE files SET item_id = ?, original_filename = ?, added = ?, mime_type = ?, type_os = ?, metadata = ? WHERE id = ?',
    ).run(w.itemId, w.originalFilename, w.added, w.mimeType, w.typeOs, w.metadata, localId)
    if (ctx.run.options.mode === 'mirror') replaceElementTexts(db, 'File', localId, w.elementTexts)
    else {
      statement(
        db,
        "DELETE FROM element_texts WHERE record_type = 'File' AND record_id = ? AND element_id IN (SELECT value FROM json_each(?))",
      ).run(localId, JSON.stringify(w.elementTexts.map((t) => t.elementId)))
      for (const t of w.elementTexts)
        statement(
          db,
          "INSERT INTO element_texts (record_id, record_type, element_id, html, text) VALUES (?, 'File', ?, ?, ?)",
        ).run(localId, t.elementId, t.html ? 1 : 0, t.text)
    }
  }
  ctx.map.put('files', {
    remoteId: p.remote.id,
    localId,
    hash: p.mapped.hash,
    localModified: w.modified,
    createdByRun: outcome === 'created' ? ctx.run.id : (p.entry?.createdByRun ?? null),
    pending: null,
  })
  return { ...base, localId, outcome, message: msg, changes }
}

/** Plans a page: which files are new, changed (bytes or only metadata), unchanged, or orphaned here. */
function plan(ctx: RunCtx, records: unknown[]): { planned: Planned[]; logs: RecordLog[] } {
  const parsed = records.map((raw) => ({ raw, r: remoteFile.safeParse(raw) }))
  const ok = parsed.flatMap((p) => (p.r.success ? [p.r.data] : []))
  const items = ctx.map.lookup(
    'items',
    ok.map((f) => f.item.id),
  )
  const itemIds = new Map([...items].map(([k, v]) => [k, v.localId]))
  const entries = ctx.map.lookup(
    'files',
    ok.map((f) => f.id),
  )
  const logs: RecordLog[] = parsed
    .filter((p) => !p.r.success)
    .map((p) => ({
      resource: 'files',
      remoteId: (p.raw as { id?: number })?.id ?? null,
      localId: null,
      outcome: 'failed',
      message: 'Unreadable file record',
    }))
  const planned: Planned[] = []
  for (const f of ok) {
    ctx.seen.files?.add(f.id)
    const mapped = mapFile(f, resolver(ctx, itemIds))
    if (!mapped) {
      logs.push({
        resource: 'files',
        remoteId: f.id,
        localId: null,
        outcome: 'skipped',
        message: `Its item (${f.item.id}) is not imported`,
      })
      continue
    }
    mapped.hash = modeHash(ctx, mapped.hash)
    const entry = entries.get(f.id)
    const local = entry
      ? statement<NonNullable<Planned['local']>>(
          ctx.deps.db,
          'SELECT filename, authentication FROM files WHERE id = ?',
        ).get(entry.localId)
      : undefined
    planned.push({ remote: f, mapped, entry, local })
  }
  return { planned, logs }
}

/** Files in one bulk pass over /files (never one request per item), downloads with bounded concurrency. */
export async function importFiles(ctx: RunCtx, url: string): Promise<void> {
  const limit = pLimit(ctx.downloadConcurrency)
  await walk(ctx, 'files', url, async (page) => {
    const { planned, logs } = plan(ctx, page.records)
    const needBytes = planned.filter(
      (p) =>
        !ctx.dry &&
        (!p.local ||
          !ctx.deps.files.exists('original', p.local.filename) ||
          (p.local.authentication ?? '') !== (p.remote.authentication ?? '')),
    )
    await Promise.all(needBytes.map((p) => limit(() => fetchBytes(ctx, p))))
    throwIfDownloadsUnavailable(
      'file',
      needBytes.filter((p) => p.unavailable).map((p) => `files/${p.remote.id}: ${p.error}`),
      () => {
        for (const p of needBytes) if (p.stored) ctx.deps.files.deleteAll(p.stored)
      },
    )
    const replaced = needBytes.filter((p) => p.stored && p.local).map((p) => p.local!.filename)
    try {
      commitPage(ctx, { resource: 'files', url: nextPageUrl(page.url) }, () => [
        ...logs,
        ...planned.map((p) => commitFile(ctx, p)),
      ])
    } catch (err) {
      for (const p of needBytes) if (p.stored) ctx.deps.files.deleteAll(p.stored)
      throw err
    }
    for (const name of replaced) ctx.deps.files.deleteAll(name)
  })
}
