/** Every absolute URL omeka-twin writes is built here, from the origin in force for the request. */
export interface Urls {
  origin: string
  api(resource: string, id?: number): string
  file(kind: 'original' | 'fullsize' | 'thumbnails' | 'square_thumbnails', name: string): string
}

export function makeUrls(origin: string): Urls {
  return {
    origin,
    api: (resource, id) => `${origin}/api/${resource}${id === undefined ? '' : `/${id}`}`,
    file: (kind, name) => `${origin}/files/${kind}/${name}`,
  }
}

/** The request's origin as PHP would see it (scheme + Host header), unless a base URL is configured. */
export function requestOrigin(requestUrl: string, hostHeader: string | undefined, baseUrl: string | undefined): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, '')
  const url = new URL(requestUrl)
  return `${url.protocol}//${hostHeader ?? url.host}`
}
