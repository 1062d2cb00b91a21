// dist/main.js, the omeka-twin command line (made by scripts/build.mjs from this file). It runs the CLI bundle,
// dist/cli.cjs, compiled with a V8 code cache: Node 20 has no compile cache for ES modules (Node 22's
// module.enableCompileCache), and compiling the bundle is about a quarter of `serve`'s start-up CPU.
// The first `serve` writes the cache beside the bundle (a second after its start, or when it stops first), named
// after the bundle's hash and Node's version; V8 refuses data it cannot use. Where dist/ is read-only there is
// no cache, only the plain compile. NODE_DISABLE_COMPILE_CACHE=1 (Node's own name for it) turns it off.
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

const BUNDLE_HASH = '@BUNDLE_HASH@'
const file = fileURLToPath(new URL('./cli.cjs', import.meta.url))
const require = createRequire(file)
if (process.env.NODE_DISABLE_COMPILE_CACHE) require(file)
else {
  // V8 also ties a cache to its flags: node options get a cache of their own rather than replace the plain one.
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim()
  let flags = ''
  if (options) {
    let h = 0
    for (let i = 0; i < options.length; i++) h = (Math.imul(h, 31) + options.charCodeAt(i)) >>> 0
    flags = `-${h.toString(16)}`
  }
  const cacheFile = join(dirname(file), '.cache', `cli-${BUNDLE_HASH}-${process.version}-${process.arch}${flags}.v8`)
  let cachedData
  try {
    cachedData = readFileSync(cacheFile)
  } catch {
    // no cache yet
  }
  // CommonJS's own wrapper, on the bundle's first line: stack traces keep the bundle's line numbers. Read as
  // latin1, which costs a copy where UTF-8 is decoded: scripts/build.mjs makes the bundle ASCII.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`
  const script = new vm.Script(wrapped, { filename: file, cachedData })
  // Made by `serve` (the command whose start-up users wait for), once the start-up has compiled what it uses:
  // a second after the start, or at a clean stop before that (bytecode V8 later flushes would be missing).
  if (process.argv[2] === 'serve' && (!cachedData || script.cachedDataRejected)) {
    let saved = false
    const save = () => {
      if (saved) return
      saved = true
      const tmp = `${cacheFile}.${process.pid}.tmp`
      try {
        mkdirSync(dirname(cacheFile), { recursive: true })
        accessSync(dirname(cacheFile), constants.W_OK) // before the work of making it
        writeFileSync(tmp, script.createCachedData())
        renameSync(tmp, cacheFile) // whole or not at all: another start may be reading it
      } catch {
        rmSync(tmp, { force: true })
      }
    }
    setTimeout(save, 1000).unref()
    // (not after a failed start, which compiled only part of what a start needs)
    process.once('exit', (code) => code === 0 && save())
  }
  const module = { exports: {} }
  script.runInThisContext()(module.exports, require, module, file, dirname(file))
}
