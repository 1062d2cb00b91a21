import { Command, InvalidArgumentError } from 'commander'
import { registerSeedCommand } from './cli/seed.js'
import { registerExportCommand } from './cli/export.js'
import { registerUserCommands } from './cli/users.js'
import { registerImportCommands } from './cli/import.js'

const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number')
  return Number(v)
}

/** The omeka-twin command line: argv → commands; no business logic here. */
export function buildCli(): Command {
  const program = new Command('omeka-twin').description('An Omeka-compatible API server and import engine').showHelpAfterError()
  program
    .command('serve')
    .description('serve the Omeka Classic API')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on', int, 8080)
    .option('--data <dir>', 'data directory (SQLite file and stored files)', './data')
    .option('--flavor <flavor>', 'API flavour: classic, s (Omeka S at /api) or both (Classic at /api, Omeka S at /s/api)', 'classic')
    .option('--control', 'enable the /__admin control plane (tests only)')
    .option('--control-token <token>', 'bearer token the control plane requires (mandatory with --control beyond loopback)')
    .option('--fixture <dir>', 'on first start, load this fixture instead of the demo data')
    .option('--empty', 'on first start, load no demo data (schema and one super user only)')
    .option('--base-url <url>', 'origin written into absolute URLs (default: from the Host header)')
    .option('--max-upload <bytes>', 'largest accepted upload in bytes', int)
    .option('--plugins <names>', 'activate plugins: geolocation, exhibit-builder (comma-separated)')
    .option('--faults <file>', 'JSON file of fault rules in force from the start (as PUT /__admin/faults)')
    .option('--cors-origin <origins>', 'browser origins allowed on /api and /files (comma-separated, or *)')
    .option('--allow-file-host <hosts>', "imports: hosts besides the origin's own that file URLs may point to (comma-separated)")
    .option('--journal-size <n>', 'requests kept by GET /__admin/requests (default 1000)', int)
    // Loaded on use: the server's module graph (hono, both APIs) is most of the CLI's start-up memory.
    .action(async (flags: Record<string, unknown>) => (await import('./cli/serve.js')).serveCommand(flags))
  registerSeedCommand(program)
  registerExportCommand(program)
  registerUserCommands(program)
  registerImportCommands(program)
  return program
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(`omeka-twin: ${(err as Error).message}`)
    process.exit(1)
  })
