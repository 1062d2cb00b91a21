#!/usr/bin/env node
// Builds dist/ from src/: the JavaScript bundled by esbuild (no TypeScript loader at run time), the type
// declarations emitted by tsc (what package.json `types` points at).
//   node scripts/build.mjs             always rebuilds
//   node scripts/build.mjs --if-stale  rebuilds only when a source, tsconfig or package.json is newer
//                                      than the last build (what `npm start` runs: a built tree starts at once)
//
// Why a bundle: node loading ~500 separate ES modules (our ~320 and those of zod, drizzle-orm, hono) spent most
// of `serve`'s start-up resolving, reading and compiling files. index.js (the programmatic API) and its chunks
// are ES modules: dynamic `import()`s stay separate chunks, loaded on use (the Omeka S flavour under a Classic
// server). The CLI is one CommonJS file, dist/cli.cjs, that main.js (scripts/cli-loader.mjs) compiles with a V8
// code cache, which Node 20 offers only to scripts; so it holds every command, compiled lazily by V8.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const stamp = join(root, 'dist', '.build-stamp')

/** Newest modification time under `dir` (files only). */
function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const inputs = Math.max(
    newest(join(root, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs', 'scripts/cli-loader.mjs'].map(
      (f) => statSync(join(root, f)).mtimeMs,
    ),
  )
  if (inputs <= statSync(stamp).mtimeMs) process.exit(0)
}

const started = new Date()
rmSync(join(root, 'dist'), { recursive: true, force: true })

// Left to node_modules: native addons (better-sqlite3, sharp), packages that find their own files at run
// time (swagger-ui-dist serves its directory; pino starts transports from file paths).
const external = ['better-sqlite3', 'sharp', 'swagger-ui-dist', 'pino']

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  // Bundled CommonJS packages call require() for Node's built-ins: give the ES module chunks one.
  banner: {
    js: "import { createRequire as __omekaTwinRequire } from 'node:module'; const require = __omekaTwinRequire(import.meta.url);",
  },
})

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  // import('sharp') as require(): a vm.Script made from a code cache loses its dynamic import() (Node 20).
  supported: { 'dynamic-import': false },
  // The sources find package files from their own URL (src/core/package-root.ts).
  define: { 'import.meta.url': '__omekaTwinModuleUrl' },
  // (after the directive: ES modules are strict, and so must their bundle be)
  banner: { js: "'use strict'; const __omekaTwinModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
})
// esbuild escapes non-ASCII characters in code but copies comments as written, and one such character makes V8
// hold a whole file as a two-byte string: twice the memory, a slower parse and no cheap decoding (~10 ms of a
// start). Escaped as \uXXXX, which means the same character in a string, a regular expression or an identifier.
for (const name of readdirSync(join(root, 'dist'), { recursive: true })) {
  if (!/\.c?js$/.test(name)) continue
  const path = join(root, 'dist', name)
  const text = readFileSync(path, 'utf8')
  if (/[^\x00-\x7f]/.test(text))
    writeFileSync(
      path,
      text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    )
}
const bundle = readFileSync(join(root, 'dist/cli.cjs'))
if (bundle.some((byte) => byte > 0x7f)) throw new Error('dist/cli.cjs is not ASCII: main.js reads it as latin1')
const bundleHash = createHash('sha256').update(bundle).digest('hex').slice(0, 16)
writeFileSync(
  join(root, 'dist/main.js'),
  readFileSync(join(root, 'scripts/cli-loader.mjs'), 'utf8').replace('@BUNDLE_HASH@', bundleHash),
)

// Declarations only (the JavaScript is the bundle above).
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly'],
  { stdio: 'inherit' },
)

// Stamped with the start time: a source saved during the build makes the next start rebuild.
writeFileSync(stamp, `${started.toISOString()}\n`)
utimesSync(stamp, started, started)
