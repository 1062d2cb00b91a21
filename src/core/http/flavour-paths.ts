/** Which API a request path belongs to. */
export type ApiFlavour = 'classic' | 's'

/** How the served flavours split the path space (`--flavor classic|s|both`), for the middleware that spans them. */
export interface FlavourPaths {
  /** The flavour whose API, `/api-context` or `/files` a path is part of; null for anything else. */
  apiFlavour(path: string): ApiFlavour | null
  /** Whether a path is on a control plane: `/__admin`, and `/s/__admin` under `--flavor both`. */
  isAdmin(path: string): boolean
}

const under = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`)

/** The path split of an app: Classic at `/api` and `/files` unless `--flavor s`; S at its mount ('' or '/s'). */
export function flavourPaths(served: { classic: boolean; sMount: string | null }): FlavourPaths {
  const { classic, sMount } = served
  const isS = (path: string) =>
    sMount !== null &&
    (under(`${sMount}/api`, path) || path === `${sMount}/api-context` || path.startsWith(`${sMount}/files/`))
  return {
    apiFlavour(path) {
      if (isS(path)) return 's'
      return classic && (under('/api', path) || path.startsWith('/files/')) ? 'classic' : null
    },
    isAdmin: (path) =>
      under('/__admin', path) || (sMount !== null && sMount !== '' && under(`${sMount}/__admin`, path)),
  }
}

/** The paths of a Classic-only app (the default of the middleware that takes a FlavourPaths). */
export const CLASSIC_PATHS: FlavourPaths = flavourPaths({ classic: true, sMount: null })
