import type { Urls } from '../../../core/http/urls.js'
import { ref } from '../../shared.js'
import type { LocationRow } from './geolocations.repo.js'

/** A location as Geolocation's Api_Location serves it, keys in its order. */
export function toLocationJson(row: LocationRow, urls: Urls, extended: Record<string, unknown> | unknown[]) {
  return {
    id: row.id,
    url: urls.api('geolocations', row.id),
    latitude: row.latitude,
    longitude: row.longitude,
    zoom_level: row.zoomLevel,
    map_type: row.mapType,
    address: row.address,
    item: ref(row.itemId, urls.api('items', row.itemId), 'items'),
    extended_resources: extended,
  }
}

/** What Geolocation adds to an item's `extended_resources` when the item has a location. */
export function toItemLocationRef(locationId: number, urls: Urls) {
  return ref(locationId, urls.api('geolocations', locationId), 'geolocations')
}
