import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The package's root directory (where package.json, seed/ and the migrations live): the nearest folder above
 * this module with a package.json. Found rather than written as a relative path, because the module sits at a
 * different depth in src/ (run by tsx and the tests) and in the bundled dist/ (one file, or a chunk of it).
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`omeka-twin: no package.json above ${from}`)
  }
}
