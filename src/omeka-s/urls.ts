/** Every absolute URL of the Omeka S flavour is built here, from the request's origin and the mount prefix. */
export interface Urls {
  origin: string
  context: string
  api(resource: string, id?: number | string | null): string
  file(kind: string, name: string): string
}

export function makeUrls(origin: string, mount: string): Urls {
  const base = `${origin}${mount}`
  return {
    origin,
    context: `${base}/api-context`,
    api: (resource, id) => `${base}/api/${resource}${id === undefined || id === null ? '' : `/${id}`}`,
    file: (kind, name) => `${base}/files/${kind}/${name}`,
  }
}
