import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'

/** The package's version (package.json sits one level above both src/ and dist/). */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version

const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number')
  return Number(v)
}

/**
 * The omeka-twin command line: argv → commands; no business logic here. `serve` alone (the command whose
 * start-up users wait for) leaves out the other commands' modules (the importer's CLI, tables, progress bars).
 */
export async function buildCli(argv: string[]): Promise<Command> {
  const program = new Command('omeka-twin')
    .description('An Omeka-compatible API server and import engine')
    .showHelpAfterError()
  program.version(VERSION, '-v, --version', 'print the version')
  program
    .command('serve')
    .description('serve the Omeka Classic API (or Omeka S, or both)')
    // No commander defaults: a flag given wins, else its OMEKA_TWIN_* variable, else the default (src/config.ts).
    .option('--host <host>', 'interface to bind (env OMEKA_TWIN_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 for any free one (env OMEKA_TWIN_PORT, default 8080)', int)
    .option('--data <dir>', 'data directory: SQLite file and stored files (env OMEKA_TWIN_DATA, default ./data)')
    .option(
      '--flavor <flavor>',
      'API flavour: classic, s (Omeka S at /api) or both (Classic at /api, Omeka S at /s/api) (env OMEKA_TWIN_FLAVOR, default classic)',
    )
    .option('--control', 'enable the /__admin control plane, tests only (env OMEKA_TWIN_CONTROL=1)')
    .option(
      '--control-token <token>',
      'bearer token the control plane requires; mandatory with --control beyond loopback (env OMEKA_TWIN_CONTROL_TOKEN)',
    )
    .option('--fixture <dir>', 'on first start, load this fixture instead of the demo data (env OMEKA_TWIN_FIXTURE)')
    .option('--empty', 'on first start, load no demo data: schema and one super user only (env OMEKA_TWIN_EMPTY=1)')
    .option(
      '--base-url <url>',
      'origin written into absolute URLs (env OMEKA_TWIN_BASE_URL; default: from the Host header)',
    )
    .option(
      '--max-upload <bytes>',
      'largest accepted upload in bytes (env OMEKA_TWIN_MAX_UPLOAD, default 100 MiB)',
      int,
    )
    .option(
      '--plugins <names>',
      'activate plugins: geolocation, exhibit-builder, comma-separated (env OMEKA_TWIN_PLUGINS)',
    )
    .option(
      '--faults <file>',
      'JSON file of fault rules in force from the start, as PUT /__admin/faults (env OMEKA_TWIN_FAULTS)',
    )
    .option(
      '--cors-origin <origins>',
      'browser origins allowed on /api and /files, comma-separated or * (env OMEKA_TWIN_CORS_ORIGINS)',
    )
    .option(
      '--allow-file-host <hosts>',
      "imports: hosts besides the origin's own that file URLs may point to, comma-separated (env OMEKA_TWIN_ALLOW_FILE_HOSTS)",
    )
    .option(
      '--journal-size <n>',
      'requests kept by GET /__admin/requests (env OMEKA_TWIN_JOURNAL_SIZE, default 1000)',
      int,
    )
    .option(
      '--log-level <level>',
      'access log level: info (one JSON line per request), warn, error, silent, ... (env OMEKA_TWIN_LOG_LEVEL, default info)',
    )
    .option(
      '--bug-compat',
      "reproduce real Omeka's deliberate-difference bugs exactly, docs/compatibility.md (env OMEKA_TWIN_BUG_COMPAT=1)",
    )
    // Loaded on use: the server's module graph (hono, both APIs) is most of the CLI's start-up memory.
    .action(async (flags: Record<string, unknown>) => (await import('./cli/serve.js')).serveCommand(flags))
  if (argv[2] === 'serve') return program
  const [seed, exportCommand, users, imports, healthcheck] = await Promise.all([
    import('./cli/seed.js'),
    import('./cli/export.js'),
    import('./cli/users.js'),
    import('./cli/import.js'),
    import('./cli/healthcheck.js'),
  ])
  seed.registerSeedCommand(program)
  exportCommand.registerExportCommand(program)
  users.registerUserCommands(program)
  imports.registerImportCommands(program)
  healthcheck.registerHealthcheckCommand(program)
  return program
}

buildCli(process.argv)
  .then((cli) => cli.parseAsync(process.argv))
  .catch((err: unknown) => {
    console.error(`omeka-twin: ${(err as Error).message}`)
    process.exit(1)
  })
