// A child process for the crash tests: sets up a data dir, then runs one operation with a kill -9 of itself at
// a chosen file-system call (`node --import tsx test/crash/crash-child.ts SCENARIO DATA_DIR N`): the N-th call
// of the patched function never returns. Without a kill (N beyond the calls made) it exits 0.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { initialiseS, openDataDir as openSDataDir } from '../../src/omeka-s/bootstrap.js'
import { createApi as sApp } from '../../src/omeka-s/index.js'
import { addKey, openDataDir } from '../../src/classic/bootstrap.js'
import { createApp } from '../../src/app.js'
import { SnapshotStore } from '../../src/control/snapshots/snapshots.js'
import { classicSnapshotPart } from '../../src/classic/control/snapshot-part.js'
import { seedSite } from '../../src/classic/synthetic/seed.js'

const [scenario, dataDir, n] = process.argv.slice(2) as [string, string, string]

/** Makes the `n`-th call of fs[name] (counted from now) kill this process with SIGKILL instead. */
function killAt(name: 'linkSync' | 'renameSync' | 'rmSync', n: number): void {
  const original = fs[name] as (...args: unknown[]) => unknown
  let calls = 0
  ;(fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    if (++calls === n) process.kill(process.pid, 'SIGKILL')
    return original(...args)
  }
  syncBuiltinESMExports()
}

const deps = openDataDir(dataDir, { control: true, maxUploadBytes: 100 * 1024 * 1024 })

if (scenario === 'setup-restore') {
  // Snapshot "a" of one site, then a different site in its place.
  await seedSite(deps, {
    items: 20,
    collections: 1,
    files: 8,
    private_ratio: 0,
    seed: 1,
    locations_ratio: 0,
    exhibits: 0,
  })
  new SnapshotStore(join(dataDir, 'snapshots'), [classicSnapshotPart(deps)]).save('a')
  await seedSite(deps, {
    items: 12,
    collections: 1,
    files: 5,
    private_ratio: 0,
    seed: 2,
    locations_ratio: 0,
    exhibits: 0,
  })
} else if (scenario === 'restore') {
  killAt('linkSync', Number(n))
  new SnapshotStore(join(dataDir, 'snapshots'), [classicSnapshotPart(deps)]).restore('a')
} else if (scenario === 'setup-upload') {
  await seedSite(deps, {
    items: 3,
    collections: 1,
    files: 0,
    private_ratio: 0,
    seed: 3,
    locations_ratio: 0,
    exhibits: 0,
  })
} else if (scenario === 'upload') {
  const key = addKey(deps, 1)
  const png = await (await import('sharp'))
    .default({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append('data', JSON.stringify({ item: { id: 1 } }))
  form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png')
  killAt('renameSync', Number(n))
  const res = await createApp(deps).request(`http://omeka.test/api/files?key=${key}`, { method: 'POST', body: form })
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`)
} else if (scenario === 'setup-s') {
  const s = openSDataDir(dataDir, deps.config, '')
  const key = await initialiseS(s, { empty: false })
  writeFileSync(join(dataDir, 'key.json'), JSON.stringify(key))
  s.db.$client.close()
} else if (scenario === 's-delete') {
  // DELETE of an Omeka S item with media: the media's files go, but only once the rows are gone.
  const s = openSDataDir(dataDir, deps.config, '')
  const key = JSON.parse(readFileSync(join(dataDir, 'key.json'), 'utf8')) as { identity: string; credential: string }
  const item = s.db.$client
    .prepare('SELECT item_id FROM media WHERE storage_id IS NOT NULL ORDER BY id LIMIT 1')
    .pluck()
    .get() as number
  killAt('rmSync', Number(n))
  const res = await sApp(s).request(
    `http://omeka.test/api/items/${item}?key_identity=${key.identity}&key_credential=${key.credential}`,
    { method: 'DELETE' },
  )
  if (res.status !== 204 && res.status !== 200) throw new Error(`delete answered ${res.status}: ${await res.text()}`)
} else {
  throw new Error(`unknown scenario ${scenario}`)
}
deps.db.$client.close()
