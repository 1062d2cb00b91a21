import {
  deleteExhibit,
  insertExhibit,
  setExhibitTags,
  updateExhibit,
} from '../../plugins/exhibit-builder/exhibits/exhibits.repo.js'
import { exhibitJsonSchema, type ExhibitJson } from '../../plugins/exhibit-builder/exhibits/exhibits.schemas.js'
import type { Db } from '../../db/client.js'
import type { RunCtx } from '../context.js'
import { storedDate } from '../mappers/records.js'
import { preferredId } from '../phases/schema.js'
import { ensureUsers, ownerFor } from '../phases/users.js'
import type { RecordLog } from '../runs.repo.js'
import { fingerprintOf, pluginPhase, recordsInOrder, type PluginKind } from './plugin-phase.js'
import { statement } from '../../statements.js'

/** The exhibit's slug, or `slug-2`, `slug-3`… when another exhibit here has it (slugs are unique). */
function freeSlug(db: Db, slug: string, self: number | undefined): string {
  const taken = statement(db, 'SELECT 1 FROM exhibits WHERE slug = ? AND id IS NOT ?')
  let candidate = slug
  for (let n = 2; taken.get(candidate, self ?? null); n++) candidate = `${slug}-${n}`
  return candidate
}

/** Tag ids for these names, creating missing tags; the created ones are logged so undo can remove them. */
function tagIds(db: Db, names: readonly string[]): { ids: number[]; created: RecordLog[] } {
  const find = statement(db, 'SELECT id FROM tags WHERE name = ?')
  const created: RecordLog[] = []
  const ids = names.map((name) => {
    const found = find.get(name) as { id: number } | undefined
    if (found) return found.id
    const id = Number(statement(db, 'INSERT INTO tags (name) VALUES (?)').run(name).lastInsertRowid)
    created.push({ resource: 'tags', remoteId: null, localId: id, outcome: 'created' })
    return id
  })
  return { ids, created }
}

const localTagIds = (db: Db, id: number) =>
  statement<{
    id: number
  }>(db, "SELECT tag_id AS id FROM records_tags WHERE record_type = 'Exhibit' AND record_id = ?")
    .all(id)
    .map((r) => r.id)

/** An exhibit as stored, its tags included. */
export function exhibitFingerprint(db: Db, id: number): string | null {
  const row = statement(
    db,
    'SELECT title, slug, description, credits, featured, public, added, modified, owner_id FROM exhibits WHERE id = ?',
  ).get(id)
  return row === undefined ? null : fingerprintOf({ row, tags: localTagIds(db, id).sort((a, b) => a - b) })
}

/** ExhibitBuilder's exhibits with every API field: tags (by name), dates and owner kept. */
const exhibitKind: PluginKind<ExhibitJson> = {
  resource: 'exhibits',
  plugin: 'exhibit-builder',
  schema: exhibitJsonSchema,
  plan(ctx, e) {
    const { db } = ctx.deps
    const fields = {
      title: e.title,
      description: e.description,
      credits: e.credits,
      featured: e.featured,
      public: e.public,
      added: storedDate(e.added),
      modified: storedDate(e.modified),
      ownerId: ownerFor(ctx, e.owner?.id ?? null),
    }
    const names = [...new Set(e.tags.map((t) => t.name?.trim() ?? '').filter((n) => n !== ''))]
    let created: RecordLog[] = []
    const messages: string[] = []
    return {
      hashOf: { ...fields, slug: e.slug, tags: names },
      messages,
      created: () => created,
      write(localId) {
        const slug = freeSlug(db, e.slug, localId)
        if (slug !== e.slug) messages.push(`Slug "${e.slug}" is taken here; imported as "${slug}"`)
        const id =
          localId === undefined
            ? insertExhibit(db, { ...fields, slug }, preferredId(ctx, 'exhibits', e.id) ?? null)
            : (updateExhibit(db, localId, { ...fields, slug }), localId)
        const tags = tagIds(db, names)
        created = tags.created
        // Merge keeps tags added here; mirror makes the set the origin's.
        const keep = ctx.run.options.mode === 'mirror' || localId === undefined ? [] : localTagIds(db, id)
        setExhibitTags(db, id, [...new Set([...keep, ...tags.ids])], fields.modified)
        return id
      },
    }
  },
  fingerprint: (ctx, id) => exhibitFingerprint(ctx.deps.db, id),
  remove: (ctx, id) => deleteExhibit(ctx.deps.db, id),
}

/** `/api/exhibits` when the origin has ExhibitBuilder; owners resolved (each user read once) first. */
export async function importExhibits(ctx: RunCtx, url: string): Promise<void> {
  await pluginPhase(ctx, exhibitKind, ['exhibits', 'exhibit_pages'], url, async (records, seen) => {
    const owners = records
      .map((r) => (r as { owner?: { id?: unknown } | null })?.owner?.id)
      .filter((id): id is number => typeof id === 'number')
    await ensureUsers(ctx, owners)
    return recordsInOrder(ctx, exhibitKind, records, seen)
  })
}
