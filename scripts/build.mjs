#!/usr/bin/env node
// Compiles src/ to dist/ (plain JavaScript with type declarations: no TypeScript loader at run time)
// and copies the data files that live beside the code.
//   node scripts/build.mjs             always rebuilds
//   node scripts/build.mjs --if-stale  rebuilds only when a source, tsconfig or package.json is newer
//                                      than the last build (what `npm start` runs: a built tree starts at once)
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

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
    ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs),
  )
  if (inputs <= statSync(stamp).mtimeMs) process.exit(0)
}

const started = new Date()
rmSync(join(root, 'dist'), { recursive: true, force: true })
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  { stdio: 'inherit' },
)

function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) copyData(path)
    else if (name.endsWith('.json')) cpSync(path, join(root, 'dist', relative(join(root, 'src'), path)))
  }
}
copyData(join(root, 'src'))
// Stamped with the start time: a source saved during the build makes the next start rebuild.
writeFileSync(stamp, `${started.toISOString()}\n`)
utimesSync(stamp, started, started)
