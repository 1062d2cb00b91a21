import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// dist/main.js (scripts/cli-loader.mjs): runs the CLI bundle as CommonJS, through a V8 code cache that the
// first `serve` writes. Run here against a small bundle of its own, the way scripts/build.mjs installs it.

const BUNDLE = `'use strict';
const { basename } = require('node:path')
const strict = (function () { return this === undefined })()
module.exports.ran = true
console.log(JSON.stringify({ args: process.argv.slice(2), file: basename(__filename), strict, exported: module.exports.ran }))
// a require() made later, as the real bundle's import('sharp') compiles to
Promise.resolve().then(() => require('node:os')).then((os) => console.log(typeof os.cpus))
if (process.env.LOADER_TEST_FAIL) process.exitCode = 1
`

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'omeka-twin-loader-'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  writeFileSync(join(dir, 'cli.cjs'), BUNDLE)
  const loader = readFileSync(join(import.meta.dirname, '..', 'scripts', 'cli-loader.mjs'), 'utf8')
  writeFileSync(join(dir, 'main.js'), loader.replace('@BUNDLE_HASH@', 'test0123456789ab'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [join(dir, 'main.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  })
const cacheFiles = () => {
  try {
    return readdirSync(join(dir, '.cache'))
  } catch {
    return []
  }
}
const expected = (args: string[]) =>
  `${JSON.stringify({ args, file: 'cli.cjs', strict: true, exported: true })}\nfunction\n`

describe('the CLI loader', () => {
  it('runs the bundle as a strict CommonJS module; only a serve that stops cleanly writes the cache', () => {
    expect(run(['--version'])).toBe(expected(['--version']))
    expect(cacheFiles()).toEqual([])
    expect(() => run(['serve'], { LOADER_TEST_FAIL: '1' })).toThrow()
    expect(cacheFiles()).toEqual([])
    expect(run(['serve'], { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(expected(['serve']))
    expect(cacheFiles()).toEqual([])
  })

  it('writes the cache once, named after the bundle and Node, and runs the same from it', () => {
    expect(run(['serve', '--port', '1'])).toBe(expected(['serve', '--port', '1']))
    const name = `cli-test0123456789ab-${process.version}-${process.arch}.v8`
    expect(cacheFiles()).toEqual([name])
    const written = statSync(join(dir, '.cache', name)).mtimeMs
    // accepted by V8, so not written again
    expect(run(['serve'])).toBe(expected(['serve']))
    expect(run(['key', 'list'])).toBe(expected(['key', 'list']))
    expect(statSync(join(dir, '.cache', name)).mtimeMs).toBe(written)
    expect(cacheFiles()).toEqual([name])
  })

  it('keeps a cache of its own for node options', () => {
    const plain = `cli-test0123456789ab-${process.version}-${process.arch}.v8`
    const written = statSync(join(dir, '.cache', plain)).mtimeMs
    expect(run(['serve'], { NODE_OPTIONS: '--max-old-space-size=200' })).toBe(expected(['serve']))
    const names = cacheFiles()
    expect(names).toHaveLength(2)
    expect(names.find((n) => n !== plain)).toMatch(/^cli-test0123456789ab-v[\d.]+-\w+-[0-9a-f]+\.v8$/)
    expect(statSync(join(dir, '.cache', plain)).mtimeMs).toBe(written)
  })

  it('replaces a cache V8 refuses', () => {
    const name = `cli-test0123456789ab-${process.version}-${process.arch}.v8`
    writeFileSync(join(dir, '.cache', name), 'not a code cache')
    expect(run(['serve'])).toBe(expected(['serve']))
    expect(readFileSync(join(dir, '.cache', name)).length).toBeGreaterThan(100)
  })
})
