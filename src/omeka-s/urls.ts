/** Every absolute URL of the Omeka S flavour is built here, from the request's origin and the mount prefix. */
export interface SUrls {
  origin: string
  context: string
  api(resource: string, id?: number | string | null): string
  file(kind: string, name: string): string
}

export function makeSUrls(origin: string, mount: string): SUrls {
  const base = `${origin}${mount}`
  return {
    origin,
    context: `${base}/api-context`,
    api: (resource, id) => `${base}/api/${resource}${id === undefined || id === null ? '' : `/${id}`}`,
    file: (kind, name) => `${base}/files/${kind}/${name}`,
  }
}
