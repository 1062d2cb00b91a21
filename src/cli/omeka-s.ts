import { resolve } from 'node:path'
import { DEFAULT_MAX_UPLOAD, resolveDataDir } from '../config.js'
import { requireDataDir } from '../classic/bootstrap.js'
import { openDataDir as openSDataDir } from '../omeka-s/bootstrap.js'
import type { Deps as SDeps } from '../omeka-s/deps.js'
import { DEFAULT_S_EXPORT_ORIGIN, exportSite as exportSSite } from '../omeka-s/export/export.js'
import { seedSite as seedSSite } from '../omeka-s/synthetic/seed.js'
import { seedOptionsSchema as sSeedOptionsSchema } from '../omeka-s/synthetic/synthetic.schemas.js'

/** `--flavor` of seed and export: which side of the data dir they work on. */
export function flavorOf(flags: Record<string, unknown>): 'classic' | 's' {
  const f = flags.flavor ?? 'classic'
  if (f !== 'classic' && f !== 's') throw new Error('invalid --flavor: must be classic or s')
  return f
}

async function withSDataDir<T>(
  flags: Record<string, unknown>,
  fn: (deps: SDeps, dir: string) => Promise<T>,
  readOnly = false,
): Promise<T> {
  const dir = resolveDataDir(flags.data)
  if (readOnly) requireDataDir(dir, 'omeka-s.sqlite')
  const deps = openSDataDir(dir, { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD }, '')
  try {
    return await fn(deps, dir)
  } finally {
    deps.db.$client.close()
  }
}

/** `omeka-twin seed --flavor s`: replaces the data dir's Omeka S data with a deterministic synthetic site, prints its keys. */
export async function seedSCommand(flags: Record<string, unknown>): Promise<void> {
  const parsed = sSeedOptionsSchema.safeParse({
    items: flags.items,
    item_sets: flags.itemSets ?? flags.collections,
    files: flags.files,
    private_ratio: flags.privateRatio,
    seed: flags.seed,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`invalid --${String(issue.path[0] ?? 'option').replace('_', '-')}: ${issue.message}`)
  }
  await withSDataDir(flags, async (deps, dir) => {
    const started = performance.now()
    const s = await seedSSite(deps, parsed.data)
    console.log(
      `Seeded Omeka S in ${dir} in ${Math.round(performance.now() - started)} ms (seed ${s.seed}): ${s.items} items, ${s.item_sets} item sets, ${s.media} media, ${s.sites} sites.`,
    )
    for (const u of s.users)
      console.log(
        `  user ${u.id} ${u.role.padEnd(12)} key_identity=${u.key_identity} key_credential=${u.key_credential}`,
      )
  })
}

/** `omeka-twin export DIR --flavor s`: writes the data dir's Omeka S data as an S fixture. */
export async function exportSCommand(target: string, flags: Record<string, unknown>): Promise<void> {
  const origin = typeof flags.origin === 'string' ? flags.origin.replace(/\/+$/, '') : DEFAULT_S_EXPORT_ORIGIN
  if (!/^https?:\/\/[^/]+$/.test(origin))
    throw new Error(`invalid --origin: must be an http(s) origin like ${DEFAULT_S_EXPORT_ORIGIN}`)
  await withSDataDir(
    flags,
    async (deps, dir) => {
      const started = performance.now()
      const summary = await exportSSite(deps, resolve(target), origin)
      const counts = Object.entries(summary.records)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')
      console.log(
        `Exported Omeka S data of ${dir} to ${summary.dir} in ${Math.round(performance.now() - started)} ms: ${counts}, ${summary.files} stored files.`,
      )
    },
    true,
  )
}
