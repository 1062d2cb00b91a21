// Validates every recorded response of the conformance suites in ../shared (or the directory given) against
// the OpenAPI documents: `npx tsx scripts/validate-recordings.ts [SHARED_DIR]`. The test suite checks an
// in-repo copy of the hand-written suites; CI runs this on all of them, the random ones included.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { classicOpenApi } from '../src/openapi/classic.document.js'
import { sOpenApi } from '../src/openapi/s.document.js'
import { readCases, RecordedValidator } from '../test/openapi/recorded-validator.js'

const shared = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared'))
const classic = new RecordedValidator(classicOpenApi() as never, {
  ignoreExtraSegments: true,
  errorSchema: 'ClassicError',
})
const s = new RecordedValidator(sOpenApi() as never, { errorSchema: 'SError' })
const suites = { classic, 'classic-plugins': classic, 'classic-random': classic, s, 's-random': s }

let passed = 0
let failed = 0
for (const [suite, validator] of Object.entries(suites)) {
  const dir = join(shared, 'conformance', suite, 'cases')
  if (!existsSync(dir)) {
    console.log(`${suite}: no cases at ${dir}`)
    continue
  }
  let bad = 0
  const cases = readCases(dir)
  for (const c of cases) {
    const problems = validator.check(c)
    if (problems.length) {
      bad++
      console.log(`  ${suite}/${c.name}: ${problems.slice(0, 3).join('; ')}`)
    }
  }
  console.log(`${suite}: ${cases.length - bad}/${cases.length} recorded responses validate`)
  passed += cases.length - bad
  failed += bad
}
console.log(`openapi: ${passed} passed, ${failed} failed`)
process.exit(failed || passed === 0 ? 1 : 0)
