import * as z from 'zod'
import { isOutage } from '../../../core/import/run-context.js'
import { commitPage, type RunCtx } from '../context.js'
import type { RecordLog } from '../runs.repo.js'

/** What a mirror copies of the origin's `/api/site` (its URL and version are this site's own). */
const SITE_FIELDS = ['title', 'description', 'author', 'copyright'] as const
const remoteSite = z.object(Object.fromEntries(SITE_FIELDS.map((f) => [f, z.string().catch('')])))

/**
 * Mirror: the site's title, description, author and copyright become the origin's (`/api/site`). The
 * log row keeps what they were (undo puts them back) and names the fields that change (dry runs too).
 */
export async function mirrorSite(ctx: RunCtx): Promise<void> {
  const r = await ctx.client.getJson(ctx.client.apiUrl('site'))
  const base = { resource: 'site' as const, remoteId: null, localId: null }
  if (!r.ok) {
    const message = `Could not read the origin's site information: ${r.error.message}`
    // The origin down: the run stops, interrupted, and reads it again on resume; anything else is one failure.
    if (isOutage(r.error)) ctx.unread = { resource: 'element_sets', message }
    else ctx.pageErrors++
    commitPage(ctx, null, () => [{ ...base, outcome: 'failed', message }])
    return
  }
  const origin = remoteSite.parse(r.value.json ?? {}) as Record<(typeof SITE_FIELDS)[number], string>
  const here = ctx.deps.options.site()
  const changes = SITE_FIELDS.filter((f) => here[f] !== origin[f])
  const log: RecordLog = changes.length
    ? { ...base, outcome: 'updated', changes, before: JSON.stringify(here) }
    : { ...base, outcome: 'unchanged' }
  if (changes.length && !ctx.dry) ctx.deps.options.set('site_info', { ...here, ...origin })
  commitPage(ctx, null, () => [ctx.dry ? { ...log, before: null } : log])
}
