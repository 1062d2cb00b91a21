import type { Command } from 'commander'
import { openDataDir } from '../classic/bootstrap.js'
import { DEFAULT_MAX_UPLOAD, resolveDataDir } from '../config.js'
import { pluginFixtureHooks } from '../classic/plugins/index.js'
import { seedOptionsSchema } from '../classic/synthetic/synthetic.schemas.js'

/** `omeka-twin seed`: replaces the data dir's site with a deterministic synthetic one and prints its keys. */
async function seedCommand(flags: Record<string, unknown>): Promise<void> {
  // Loaded on use, so other commands (import) do not carry the generators and the Omeka S code.
  const { flavorOf, seedSCommand } = await import('./omeka-s.js')
  if (flavorOf(flags) === 's') return seedSCommand(flags)
  const { seedSite } = await import('../classic/synthetic/seed.js')
  const parsed = seedOptionsSchema.safeParse({
    items: flags.items,
    collections: flags.collections,
    files: flags.files,
    private_ratio: flags.privateRatio,
    seed: flags.seed,
    locations_ratio: flags.locationsRatio,
    exhibits: flags.exhibits,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`invalid --${String(issue.path[0] ?? 'option').replace('_', '-')}: ${issue.message}`)
  }
  const dir = resolveDataDir(flags.data)
  const deps = openDataDir(dir, { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD })
  try {
    const started = performance.now()
    const summary = await seedSite(deps, parsed.data, pluginFixtureHooks(deps))
    const ms = Math.round(performance.now() - started)
    console.log(
      `Seeded ${dir} in ${ms} ms (seed ${summary.seed}): ${summary.items} items, ${summary.collections} collections, ${summary.files} files, ${summary.tags} tags, ${summary.locations} locations, ${summary.exhibits} exhibits (${summary.exhibit_pages} pages).`,
    )
    for (const u of summary.users)
      console.log(`  user ${u.id} ${u.username.padEnd(8)} ${u.role.padEnd(12)} key ${u.key}`)
  } finally {
    deps.db.$client.close()
  }
}

/** Adds `seed` to the command line. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('replace the site in a data dir with a deterministic synthetic one (same seed, same site)')
    .option('--items <n>', 'number of items', '100')
    .option('--collections <n>', 'number of collections (default: items / 100, at most 50)')
    .option('--item-sets <n>', 'with --flavor s: number of item sets (default: items / 100, at most 50)')
    .option('--files <n>', 'number of image files (PNG and JPEG, a few sizes)', '0')
    .option('--private-ratio <p>', 'share of private items and collections, 0 to 1', '0.1')
    .option('--seed <s>', 'the seed: same seed, byte-identical API output', '1')
    .option(
      '--locations-ratio <p>',
      'share of items with a Geolocation location, 0 to 1 (> 0 enables Geolocation)',
      '0',
    )
    .option(
      '--exhibits <n>',
      'ExhibitBuilder exhibits with pages, blocks and attachments (> 0 enables ExhibitBuilder)',
      '0',
    )
    .option('--data <dir>', 'data directory (default: $OMEKA_TWIN_DATA or ./data)')
    .option(
      '--flavor <flavor>',
      'classic, or s: seed the Omeka S side of the data dir (items, item sets, media, sites, a user per role)',
      'classic',
    )
    .action(seedCommand)
}
