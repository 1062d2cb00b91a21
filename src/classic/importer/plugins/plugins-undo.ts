import type { Deps } from '../../deps.js'
import { deleteExhibit } from '../../plugins/exhibit-builder/exhibits/exhibits.repo.js'
import { deleteLocation } from '../../plugins/geolocation/geolocations.repo.js'
import type { PluginResource } from './plugin-phase.js'
import { pageFingerprint } from './exhibit-pages.js'
import { exhibitFingerprint } from './exhibits.js'
import { locationFingerprint } from './locations.js'
import { statement } from '../../statements.js'

/** The plugin resources, in the order undo removes them (pages, then exhibits, then locations). */
export const PLUGIN_UNDO_ORDER: readonly PluginResource[] = ['exhibit_pages', 'exhibits', 'geolocations']

export const isPluginResource = (r: string): r is PluginResource => (PLUGIN_UNDO_ORDER as readonly string[]).includes(r)

const FINGERPRINT = {
  exhibit_pages: pageFingerprint,
  exhibits: exhibitFingerprint,
  geolocations: locationFingerprint,
} as const

/** Why undo keeps a plugin record the run created (edited here since, or still holding pages kept); null to delete. */
export function pluginKeepReason(
  deps: Deps,
  resource: PluginResource,
  localId: number,
  localModified: string | null,
): string | null {
  const now = FINGERPRINT[resource](deps.db, localId)
  if (now !== null && localModified !== null && now !== localModified) return 'Edited locally after the import'
  const has = (sql: string) => !!statement(deps.db, sql).get(localId)
  if (resource === 'exhibits' && has('SELECT 1 FROM exhibit_pages WHERE exhibit_id = ?')) return 'Still has pages'
  if (resource === 'exhibit_pages' && has('SELECT 1 FROM exhibit_pages WHERE parent_id = ?'))
    return 'Still has child pages'
  return null
}

/** Deletes a plugin record (a page takes its blocks and attachments, an exhibit its taggings). */
export function deletePluginRecord(deps: Deps, resource: PluginResource, localId: number): void {
  if (resource === 'geolocations') deleteLocation(deps.db, localId)
  else if (resource === 'exhibits') deleteExhibit(deps.db, localId)
  else statement(deps.db, 'DELETE FROM exhibit_pages WHERE id = ?').run(localId)
}

/** Created pages deepest first, so a child is removed (or kept) before its parent is considered. */
export function childrenFirst<T extends { localId: number }>(deps: Deps, resource: string, created: T[]): T[] {
  if (resource !== 'exhibit_pages') return created
  const rows = statement<{ id: number; depth: number }>(
    deps.db,
    'WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM exhibit_pages WHERE parent_id IS NULL UNION ALL SELECT p.id, d.depth + 1 FROM exhibit_pages p JOIN d ON p.parent_id = d.id) SELECT id, depth FROM d',
  ).all()
  const depth = new Map(rows.map((r) => [r.id, r.depth]))
  return [...created].sort((a, b) => (depth.get(b.localId) ?? 0) - (depth.get(a.localId) ?? 0))
}
