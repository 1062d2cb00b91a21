import type { Db } from '../../db/client.js'
import type { Fixture } from '../../fixtures/load.js'
import type { Plugin } from '../plugin.js'
import { check, parsePluginFile, setNextId } from '../plugin-fixtures.js'
import { findLocationOfItem, insertLocation } from './geolocations.repo.js'
import { toItemLocationRef } from './geolocations.representation.js'
import { geolocationsResource } from './geolocations.routes.js'
import { locationFixtureSchema, type LocationFixture } from './geolocations.schemas.js'

/** geolocations.json, checked against the fixture's items (one location per item). */
function readLocations(fx: Fixture): LocationFixture[] | undefined {
  const list = parsePluginFile(fx, 'geolocations', locationFixtureSchema)
  if (!list) return undefined
  const items = new Set(fx.items.map((i) => i.id))
  const located = new Set<number>()
  for (const l of list) {
    check(items.has(l.item.id), `geolocations.json: record id ${l.id}: item ${l.item.id} is not in items.json`)
    check(!located.has(l.item.id), `geolocations.json: record id ${l.id}: item ${l.item.id} already has a location`)
    located.add(l.item.id)
  }
  return list
}

function insertLocations(db: Db, fx: Fixture): boolean {
  const list = readLocations(fx)
  if (!list) return false
  for (const l of list)
    insertLocation(
      db,
      {
        itemId: l.item.id,
        latitude: l.latitude,
        longitude: l.longitude,
        zoomLevel: l.zoom_level,
        mapType: l.map_type,
        address: l.address,
      },
      l.id,
    )
  setNextId(db, 'locations', fx.nextIds.geolocations)
  return true
}

/** Geolocation 3.2.3: `/api/geolocations` and an item's `extended_resources.geolocations`. */
export const geolocationPlugin: Plugin = {
  name: 'geolocation',
  resources: [geolocationsResource],
  extender(req, resource, id) {
    if (resource !== 'items') return undefined
    // The item is being shown, so the caller sees it, and its location with it.
    const loc = findLocationOfItem(req.deps.db, id, true)
    return loc ? { geolocations: toItemLocationRef(loc.id, req.urls) } : undefined
  },
  fixture: {
    files: ['geolocations'],
    counters: { geolocations: 'locations' },
    tables: ['locations'],
    validate: (fx) => void readLocations(fx),
    insert: insertLocations,
  },
}
