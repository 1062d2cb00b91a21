import type { Command } from 'commander'
import { resolve } from 'node:path'
import { openDataDir, requireDataDir } from '../classic/bootstrap.js'
import { DEFAULT_EXPORT_ORIGIN, DEFAULT_MAX_UPLOAD, resolveDataDir } from '../config.js'

/** `omeka-twin export DIR`: writes the data dir's site as a fixture. */
async function exportCommand(target: string, flags: Record<string, unknown>): Promise<void> {
  // Loaded on use, so other commands (import) do not carry the exporters and the Omeka S code.
  const { exportSCommand, flavorOf } = await import('./omeka-s.js')
  if (flavorOf(flags) === 's') return exportSCommand(target, flags)
  const { exportSite } = await import('../classic/export/export.js')
  const origin = typeof flags.origin === 'string' ? flags.origin.replace(/\/+$/, '') : DEFAULT_EXPORT_ORIGIN
  if (!/^https?:\/\/[^/]+$/.test(origin))
    throw new Error(`invalid --origin: must be an http(s) origin like ${DEFAULT_EXPORT_ORIGIN}`)
  const dir = resolveDataDir(flags.data)
  requireDataDir(dir)
  const deps = openDataDir(dir, { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD })
  try {
    const started = performance.now()
    const summary = await exportSite(deps, resolve(target), origin)
    const counts = Object.entries(summary.records)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')
    console.log(
      `Exported ${dir} to ${summary.dir} in ${Math.round(performance.now() - started)} ms: ${counts}, ${summary.files} original files.`,
    )
  } finally {
    deps.db.$client.close()
  }
}

/** Adds `export` to the command line. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .argument('<dir>', 'a new or empty directory')
    .description('write the site as a fixture (load it with serve --fixture or POST /__admin/reset)')
    .option('--data <dir>', 'data directory (default: $OMEKA_TWIN_DATA or ./data)')
    .option(
      '--origin <url>',
      `origin written into the records' urls (default ${DEFAULT_EXPORT_ORIGIN}; with --flavor s http://127.0.0.1:8085)`,
    )
    .option('--flavor <flavor>', 'classic, or s: export the Omeka S side as an S fixture', 'classic')
    .action(exportCommand)
}
