import type { Urls } from '../../urls.js'
import type { MediaRow } from './resource.data.js'

const DATE_TYPE = 'http://www.w3.org/2001/XMLSchema#dateTime'

/** A resource date as JSON-LD. */
export const dateJson = (d: string | null) => (d === null ? null : { '@value': d, '@type': DATE_TYPE })
/** A reference: exactly {"@id", "o:id"}, or null. */
export const ref = (urls: Urls, resource: string, id: number | null) =>
  id === null ? null : { '@id': urls.api(resource, id), 'o:id': id }

/** The three thumbnail URLs of a media (its own, or Omeka's fallback icon by media type). */
export function mediaThumbnails(urls: Urls, m: MediaRow): Record<string, string> {
  if (m.hasThumbnails && m.storageId)
    return Object.fromEntries(['large', 'medium', 'square'].map((k) => [k, urls.file(k, `${m.storageId}.jpg`)]))
  const family = /^(image|video|audio)\//.exec(m.mediaType ?? '')?.[1] ?? 'default'
  const icon = `${urls.origin}${new URL(urls.context).pathname.replace(/\/api-context$/, '')}/application/asset/thumbnails/${family}.png`
  return { large: icon, medium: icon, square: icon }
}
