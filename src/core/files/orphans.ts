import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Start-up: removes from each `kinds` folder under `root` every temp file (`.tmp-*`) and every file `keep` does
 * not claim. Files are stored before the database commit that records them and removed after the one that
 * forgets them, so a kill -9 between the two leaves only unreferenced files, which this removes. Only for a
 * process that owns the data dir (serve): another process may be storing files it has not recorded yet.
 * Returns how many files it removed.
 */
export function sweepOrphans(
  root: string,
  kinds: readonly string[],
  keep: (kind: string, name: string) => boolean,
): number {
  let removed = 0
  for (const kind of kinds) {
    const dir = join(root, kind)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('.tmp-') && keep(kind, name)) continue
      rmSync(join(dir, name), { recursive: true, force: true })
      removed++
    }
  }
  return removed
}
