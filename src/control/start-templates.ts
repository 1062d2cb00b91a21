import type Database from 'better-sqlite3'
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fingerprint, linkTree } from './templates.js'

/** A fixture as a start left it: the database's image and the stored files (hard links). */
export interface StartTemplate {
  image: Buffer
  filesDir: string
}

const byKey = new Map<string, StartTemplate & { print: string }>()

/**
 * In-process starts (startOmekaTwin) from a fixture this process has already started from: the second and
 * later starts copy the first one's database image and link its files instead of reading, validating and
 * inserting the fixture again (a test suite starting a twin per file pays the load once). As with reset
 * templates (templates.ts), one is used only while the fixture directory is unchanged (every file's size,
 * mtime and inode).
 */
export function startTemplate(
  flavor: string,
  fixture: string,
): { template: StartTemplate | undefined; keep(db: Database.Database, filesRoot: string): void } {
  let key: string
  let print: string
  try {
    const dir = realpathSync(fixture)
    key = `${flavor}\0${dir}`
    print = fingerprint(dir)
  } catch {
    // not a readable directory: the loader gives the fixture error
    return { template: undefined, keep: () => undefined }
  }
  const found = byKey.get(key)
  return {
    template: found?.print === print ? found : undefined,
    keep(db, filesRoot) {
      const old = byKey.get(key)
      if (old) rmSync(old.filesDir, { recursive: true, force: true })
      const filesDir = mkdtempSync(join(tmpdir(), 'omeka-twin-start-template-'))
      linkTree(filesRoot, filesDir)
      if (!byKey.size) process.once('exit', forgetAll)
      byKey.set(key, { print, image: db.serialize(), filesDir })
    },
  }
}

function forgetAll(): void {
  for (const t of byKey.values()) rmSync(t.filesDir, { recursive: true, force: true })
  byKey.clear()
}
