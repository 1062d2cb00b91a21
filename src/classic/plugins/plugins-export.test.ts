import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportSite } from '../export/export.js'
import { PLUGINS_FIXTURE, pluginTestApp } from '../../../test/plugins.js'

// Expected values: the shipped fixture's plugin files, recorded from real Omeka with both plugins.
describe('plugins: export', () => {
  it('writes geolocations.json, exhibits.json and exhibit_pages.json identical to the recorded fixture', async () => {
    const t = pluginTestApp(PLUGINS_FIXTURE)
    const out = join(mkdtempSync(join(tmpdir(), 'omeka-twin-export-')), 'fx')
    try {
      await exportSite(t.deps, out, 'http://127.0.0.1:8084')
      for (const name of ['geolocations', 'exhibits', 'exhibit_pages']) {
        expect(readFileSync(join(out, `${name}.json`), 'utf8'), name).toBe(
          readFileSync(join(PLUGINS_FIXTURE, `${name}.json`), 'utf8'),
        )
      }
    } finally {
      t.close()
      rmSync(out, { recursive: true, force: true })
    }
  })
})
