import {
  deleteLocation,
  findLocationOfItem,
  insertLocation,
  updateLocation,
} from '../../plugins/geolocation/geolocations.repo.js'
import { locationFixtureSchema, type LocationFixture } from '../../plugins/geolocation/geolocations.schemas.js'
import type { Db } from '../../db/client.js'
import type { RunCtx } from '../context.js'
import { preferredId } from '../phases/schema.js'
import { fingerprintOf, liveLocalIds, pluginPhase, recordsInOrder, type PluginKind } from './plugin-phase.js'
import { statement } from '../../statements.js'

/** A location as stored. */
export function locationFingerprint(db: Db, id: number): string | null {
  return fingerprintOf(
    statement(db, 'SELECT item_id, latitude, longitude, zoom_level, map_type, address FROM locations WHERE id = ?').get(
      id,
    ),
  )
}

/** Geolocation's locations: one per item, latitude and longitude 0 included (the plugin drops them). */
function locationKind(items: Map<number, number>): PluginKind<LocationFixture> {
  return {
    resource: 'geolocations',
    plugin: 'geolocation',
    schema: locationFixtureSchema,
    plan(ctx, l) {
      const itemId = items.get(l.item.id)
      if (itemId === undefined) return { skip: `Its item (${l.item.id}) is not imported` }
      const fields = {
        latitude: l.latitude,
        longitude: l.longitude,
        zoomLevel: l.zoom_level,
        mapType: l.map_type,
        address: l.address,
      }
      const { db } = ctx.deps
      // One location per item: a location the item already has here is taken over, never duplicated.
      const existing = findLocationOfItem(db, itemId, true)?.id
      return {
        hashOf: { itemId, ...fields },
        messages: [],
        ...(existing !== undefined ? { adopt: existing } : {}),
        write: (localId) => {
          if (localId === undefined)
            return insertLocation(db, { itemId, ...fields }, preferredId(ctx, 'locations', l.id) ?? null)
          updateLocation(db, localId, fields)
          return localId
        },
      }
    },
    fingerprint: (ctx, id) => locationFingerprint(ctx.deps.db, id),
    remove: (ctx, id) => deleteLocation(ctx.deps.db, id),
  }
}

/** `/api/geolocations` when the origin has Geolocation: after items, whose local ids it needs. */
export async function importLocations(ctx: RunCtx, url: string): Promise<void> {
  const probe = locationKind(new Map())
  await pluginPhase(ctx, probe, ['geolocations'], url, async (records, seen) => {
    const itemIds = records
      .map((r) => (r as { item?: { id?: unknown } })?.item?.id)
      .filter((id): id is number => typeof id === 'number')
    return recordsInOrder(ctx, locationKind(liveLocalIds(ctx, 'items', itemIds)), records, seen)
  })
}
