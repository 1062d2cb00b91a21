import type { RunCtx } from './context.js'

/** The local owner of an imported record: the mapped origin user, else the run's fallback owner. */
export function ownerFor(ctx: RunCtx, remoteOwner: number | null): number | null {
  if (remoteOwner === null) return ctx.fallbackOwner
  const e = ctx.map.get('users', remoteOwner)
  return e ? e.localId : ctx.fallbackOwner
}
