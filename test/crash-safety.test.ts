import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDataDir, recoverDataDir } from '../src/classic/bootstrap.js'
import { openDataDir as openSDataDir, recoverDataDir as recoverSDataDir } from '../src/omeka-s/bootstrap.js'
import { derivativeName, FILE_KINDS } from '../src/core/files/file-store.js'

// Real kill -9s at chosen points of a snapshot restore and an upload (test/crash/crash-child.ts), then what the
// next start-up finds: a sound database, every record with its file, no file without its record, and the
// operation either complete or absent.

const CHILD = join(import.meta.dirname, 'crash', 'crash-child.ts')
const work = mkdtempSync(join(tmpdir(), 'omeka-twin-crash-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function child(
  scenario: string,
  dataDir: string,
  n = 0,
): { signal: NodeJS.Signals | null; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, scenario, dataDir, String(n)], { encoding: 'utf8' })
  return { signal: r.signal, status: r.status, stderr: r.stderr }
}

interface State {
  items: number
  integrity: string
  missing: string[]
  orphans: string[]
}

/** Opens a data dir as `serve` does (start-up recovery included) and checks it. */
function inspect(dataDir: string): State {
  const deps = openDataDir(dataDir, { control: false, maxUploadBytes: 1 })
  try {
    recoverDataDir(deps)
    const db = deps.db.$client
    const names = db.prepare('SELECT filename FROM files').pluck().all() as string[]
    const claimed = new Set(
      names.flatMap((n) => [
        `original/${n}`,
        ...FILE_KINDS.filter((k) => k !== 'original').map((k) => `${k}/${derivativeName(n)}`),
      ]),
    )
    const onDisk = FILE_KINDS.flatMap((k) =>
      existsSync(join(deps.files.root, k)) ? readdirSync(join(deps.files.root, k)).map((n) => `${k}/${n}`) : [],
    )
    return {
      items: db.prepare('SELECT COUNT(*) FROM items').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      missing: names.filter((n) => !existsSync(join(deps.files.root, 'original', n))),
      orphans: onDisk.filter((p) => !claimed.has(p)),
    }
  } finally {
    deps.db.$client.close()
  }
}

describe('a kill -9 during a snapshot restore', () => {
  const base = join(work, 'restore-base')
  beforeAll(() => {
    const r = child('setup-restore', base)
    expect(r.stderr).toBe('')
    expect(inspect(base)).toEqual({ items: 12, integrity: 'ok', missing: [], orphans: [] })
  }, 60_000)

  it.each([1, 8])(
    'at the %i-th file link leaves the site as before the restore, every record with its file',
    (n) => {
      const data = join(work, `restore-${n}`)
      cpSync(base, data, { recursive: true })
      expect(child('restore', data, n).signal).toBe('SIGKILL')
      expect(inspect(data)).toEqual({ items: 12, integrity: 'ok', missing: [], orphans: [] })
    },
    60_000,
  )

  it('completes when not killed', () => {
    const data = join(work, 'restore-done')
    cpSync(base, data, { recursive: true })
    expect(child('restore', data, 1_000_000).status).toBe(0)
    expect(inspect(data)).toEqual({ items: 20, integrity: 'ok', missing: [], orphans: [] })
  }, 60_000)
})

describe('a kill -9 during an upload (POST /api/files)', () => {
  const base = join(work, 'upload-base')
  beforeAll(() => {
    expect(child('setup-upload', base).stderr).toBe('')
  }, 60_000)

  it.each([1, 4])(
    'at the %i-th rename leaves no orphan original or derivative after the next start',
    (n) => {
      const data = join(work, `upload-${n}`)
      cpSync(base, data, { recursive: true })
      expect(child('upload', data, n).signal).toBe('SIGKILL')
      const state = inspect(data)
      expect(state).toEqual({ items: 3, integrity: 'ok', missing: [], orphans: [] })
    },
    60_000,
  )

  it('stores the file and its record when not killed', () => {
    const data = join(work, 'upload-done')
    cpSync(base, data, { recursive: true })
    expect(child('upload', data, 1_000_000).status).toBe(0)
    const deps = openDataDir(data, { control: false, maxUploadBytes: 1 })
    const names = deps.db.$client.prepare('SELECT filename FROM files').pluck().all() as string[]
    deps.db.$client.close()
    expect(names).toHaveLength(1)
    expect(inspect(data)).toEqual({ items: 3, integrity: 'ok', missing: [], orphans: [] })
  }, 60_000)
})

describe('a kill -9 while Omeka S deletes an item with media', () => {
  const base = join(work, 's-base')
  beforeAll(() => {
    expect(child('setup-s', base).stderr).toBe('')
  }, 60_000)

  /** Media rows whose original is missing, and stored files no media or asset names, after the next start. */
  function inspectS(dataDir: string): { integrity: string; missing: string[]; orphans: string[] } {
    const classic = openDataDir(dataDir, { control: false, maxUploadBytes: 1 })
    const s = openSDataDir(dataDir, classic.config, '')
    try {
      recoverSDataDir(s)
      const rows = s.db.$client
        .prepare('SELECT storage_id AS id, extension AS e FROM media WHERE storage_id IS NOT NULL')
        .all() as { id: string; e: string | null }[]
      const names = new Set(rows.map((r) => (r.e ? `${r.id}.${r.e}` : r.id)))
      const onDisk = existsSync(join(s.files.root, 'original')) ? readdirSync(join(s.files.root, 'original')) : []
      return {
        integrity: s.db.$client.pragma('integrity_check', { simple: true }) as string,
        missing: [...names].filter((n) => !onDisk.includes(n)),
        orphans: onDisk.filter((n) => !names.has(n)),
      }
    } finally {
      classic.db.$client.close()
      s.db.$client.close()
    }
  }

  it('at its second file removal leaves every media row with its file and no file without its row', () => {
    const data = join(work, 's-delete-1')
    cpSync(base, data, { recursive: true })
    const before = inspectS(data)
    expect(before).toEqual({ integrity: 'ok', missing: [], orphans: [] })
    expect(child('s-delete', data, 2).signal).toBe('SIGKILL')
    expect(inspectS(data)).toEqual({ integrity: 'ok', missing: [], orphans: [] })
  }, 60_000)
})
