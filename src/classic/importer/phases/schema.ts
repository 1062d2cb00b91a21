import { insertElementSet } from '../../api/element-sets/element-sets.repo.js'
import { insertElement, updateElement } from '../../api/elements/elements.repo.js'
import {
  findItemTypeByName,
  insertItemType,
  setItemTypeElements,
  updateItemType,
} from '../../api/item-types/item-types.repo.js'
import { commitPage, keepTargetFull, nextPageUrl, walk, type RunCtx } from '../context.js'
import type { ImportResource } from '../id-map.js'
import { remoteElement, remoteElementSet, remoteItemType } from '../../../core/import/classic-origin/remote.schemas.js'
import type { RecordLog } from '../runs.repo.js'
import type * as z from 'zod'
import { statement } from '../../statements.js'

type Raw = { id?: unknown }
const remoteIdOf = (r: unknown) => (typeof (r as Raw)?.id === 'number' ? ((r as Raw).id as number) : null)

/** An id for a new record: the origin's own id in mirror mode when it is free here (so clones keep ids). */
export function preferredId(ctx: RunCtx, table: string, remoteId: number): number | undefined {
  if (ctx.run.options.mode !== 'mirror') return undefined
  return statement(ctx.deps.db, `SELECT 1 FROM ${table} WHERE id = ?`).get(remoteId) ? undefined : remoteId
}

/** Runs a schema resource: each record parsed with zod, then handled; one transaction per page. */
async function schemaPhase<S extends z.ZodTypeAny>(
  ctx: RunCtx,
  resource: ImportResource,
  url: string,
  schema: S,
  handle: (r: z.infer<S>) => RecordLog,
) {
  await walk(ctx, resource, url, async (page) => {
    commitPage(ctx, { resource, url: nextPageUrl(page.url) }, () =>
      page.records.map((raw) => {
        const parsed = schema.safeParse(raw)
        if (!parsed.success)
          return {
            resource,
            remoteId: remoteIdOf(raw),
            localId: null,
            outcome: 'failed',
            message: `Unreadable record: ${parsed.error.issues[0]?.message ?? ''}`,
          }
        try {
          return handle(parsed.data)
        } catch (err) {
          keepTargetFull(err)
          return {
            resource,
            remoteId: remoteIdOf(raw),
            localId: null,
            outcome: 'failed',
            message: (err as Error).message,
          }
        }
      }),
    )
  })
}

/** Element sets, matched by name; with override their description is overwritten (the old one kept for undo). */
export async function importElementSets(ctx: RunCtx, url: string): Promise<void> {
  const { db } = ctx.deps
  await schemaPhase(ctx, 'element_sets', url, remoteElementSet, (s) => {
    const local = statement<{ id: number; description: string | null }>(
      db,
      'SELECT id, description FROM element_sets WHERE name = ?',
    ).get(s.name)
    const base = { resource: 'element_sets' as const, remoteId: s.id }
    if (local) {
      ctx.sets.set(s.id, local.id)
      if (!ctx.dry)
        ctx.map.put('element_sets', {
          remoteId: s.id,
          localId: local.id,
          hash: null,
          localModified: null,
          createdByRun: null,
          pending: null,
        })
      if (!ctx.run.options.override_element_sets || local.description === s.description)
        return { ...base, localId: local.id, outcome: 'unchanged' }
      if (!ctx.dry) statement(db, 'UPDATE element_sets SET description = ? WHERE id = ?').run(s.description, local.id)
      return {
        ...base,
        localId: local.id,
        outcome: 'updated',
        before: JSON.stringify({ description: local.description }),
      }
    }
    if (ctx.dry) return { ...base, localId: null, outcome: 'created' }
    const id = insertElementSet(
      db,
      { name: s.name, description: s.description, recordType: s.record_type },
      preferredId(ctx, 'element_sets', s.id),
    )
    ctx.sets.set(s.id, id)
    ctx.map.put('element_sets', {
      remoteId: s.id,
      localId: id,
      hash: null,
      localModified: null,
      createdByRun: ctx.run.id,
      pending: null,
    })
    return { ...base, localId: id, outcome: 'created' }
  })
}

/** Elements, matched by (set, name); a new element keeps the origin's order unless that order is taken. */
export async function importElements(ctx: RunCtx, url: string): Promise<void> {
  const { db } = ctx.deps
  await schemaPhase(ctx, 'elements', url, remoteElement, (e) => {
    const base = { resource: 'elements' as const, remoteId: e.id }
    const setId = ctx.sets.get(e.element_set.id)
    if (setId === undefined)
      return {
        ...base,
        localId: null,
        outcome: 'failed',
        message: `Its element set (${e.element_set.id}) was not imported`,
      }
    const local = statement<{ id: number; description: string | null; comment: string | null }>(
      db,
      'SELECT id, description, comment FROM elements WHERE element_set_id = ? AND name = ?',
    ).get(setId, e.name)
    if (local) {
      ctx.elements.set(e.id, local.id)
      if (!ctx.dry)
        ctx.map.put('elements', {
          remoteId: e.id,
          localId: local.id,
          hash: null,
          localModified: null,
          createdByRun: null,
          pending: null,
        })
      const changed = local.description !== e.description || local.comment !== e.comment
      if (!ctx.run.options.override_element_sets || !changed)
        return { ...base, localId: local.id, outcome: 'unchanged' }
      if (!ctx.dry) updateElement(db, local.id, { description: e.description, comment: e.comment })
      return {
        ...base,
        localId: local.id,
        outcome: 'updated',
        before: JSON.stringify({ description: local.description, comment: local.comment }),
      }
    }
    if (ctx.dry) return { ...base, localId: null, outcome: 'created' }
    const taken =
      e.order !== null &&
      statement(db, 'SELECT 1 FROM elements WHERE element_set_id = ? AND "order" = ?').get(setId, e.order)
    const id = insertElement(
      db,
      {
        elementSetId: setId,
        order: taken ? null : e.order,
        name: e.name,
        description: e.description,
        comment: e.comment,
      },
      preferredId(ctx, 'elements', e.id),
    )
    ctx.elements.set(e.id, id)
    ctx.map.put('elements', {
      remoteId: e.id,
      localId: id,
      hash: null,
      localModified: null,
      createdByRun: ctx.run.id,
      pending: null,
    })
    return {
      ...base,
      localId: id,
      outcome: 'created',
      message: taken ? `Order ${e.order} is taken here; appended without an order` : null,
    }
  })
}

/** Item types, matched by name; a new type gets the origin's elements in the origin's order, a matched one only gains missing links. */
export async function importItemTypes(ctx: RunCtx, url: string): Promise<void> {
  const { db } = ctx.deps
  await schemaPhase(ctx, 'item_types', url, remoteItemType, (t) => {
    const base = { resource: 'item_types' as const, remoteId: t.id }
    const elementIds = t.elements.map((e) => ctx.elements.get(e.id)).filter((x): x is number => x !== undefined)
    const local = findItemTypeByName(db, t.name)
    if (!local) {
      if (ctx.dry) return { ...base, localId: null, outcome: 'created' }
      const id = insertItemType(db, { name: t.name, description: t.description }, preferredId(ctx, 'item_types', t.id))
      setItemTypeElements(db, id, elementIds)
      ctx.itemTypes.set(t.id, id)
      ctx.map.put('item_types', {
        remoteId: t.id,
        localId: id,
        hash: null,
        localModified: null,
        createdByRun: ctx.run.id,
        pending: null,
      })
      return { ...base, localId: id, outcome: 'created' }
    }
    ctx.itemTypes.set(t.id, local.id)
    if (!ctx.dry)
      ctx.map.put('item_types', {
        remoteId: t.id,
        localId: local.id,
        hash: null,
        localModified: null,
        createdByRun: null,
        pending: null,
      })
    const current = statement<{ id: number }>(
      db,
      'SELECT element_id AS id FROM item_types_elements WHERE item_type_id = ? ORDER BY "order", id',
    )
      .all(local.id)
      .map((r) => r.id)
    const missing = elementIds.filter((id) => !current.includes(id))
    const describe = ctx.run.options.override_element_sets && local.description !== t.description
    if (!missing.length && !describe) return { ...base, localId: local.id, outcome: 'unchanged' }
    if (!ctx.dry) {
      if (missing.length) setItemTypeElements(db, local.id, [...current, ...missing])
      if (describe) updateItemType(db, local.id, { description: t.description })
    }
    return {
      ...base,
      localId: local.id,
      outcome: 'updated',
      before: JSON.stringify({ description: local.description, elements: current }),
    }
  })
}
