import { nextId, type Db } from '../db/client.js'
import type { RunCtx } from './context.js'
import type { RecordLog } from './runs.repo.js'

/** A vocabulary member to ensure: local name, label, comment. */
export interface MemberIn {
  localName: string
  label: string
  comment: string | null
}

/** The local vocabulary with this namespace or prefix, created (logged, undoable) when absent. */
export function ensureVocabulary(
  ctx: RunCtx,
  v: { remoteId: number; namespaceUri: string; prefix: string; label: string; comment: string | null },
): { id: number; log: RecordLog } {
  const { db } = ctx.deps
  const base = { resource: 'vocabularies' as const, remoteId: v.remoteId }
  const found = db.$client
    .prepare<unknown[], { id: number }>('SELECT id FROM vocabulary WHERE namespace_uri = ? OR prefix = ?')
    .get(v.namespaceUri, v.prefix)
  if (found) {
    if (!ctx.map.get('vocabularies', v.remoteId))
      ctx.map.put('vocabularies', {
        remoteId: v.remoteId,
        localId: found.id,
        hash: null,
        localModified: null,
        createdByRun: null,
        pending: null,
        data: null,
      })
    return { id: found.id, log: { ...base, localId: found.id, outcome: 'unchanged' } }
  }
  const id = nextId(db, 'vocabularies')
  db.$client
    .prepare('INSERT INTO vocabulary (id, owner_id, namespace_uri, prefix, label, comment) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, ctx.fallbackOwner, v.namespaceUri, v.prefix, v.label, v.comment)
  ctx.map.put('vocabularies', {
    remoteId: v.remoteId,
    localId: id,
    hash: null,
    localModified: null,
    createdByRun: ctx.run.id,
    pending: null,
    data: null,
  })
  return { id, log: { ...base, localId: id, outcome: 'created' } }
}

/** Adds the members a vocabulary lacks (by local name). */
export function ensureMembers(
  db: Db,
  table: 'property' | 'resource_class',
  vocabularyId: number,
  members: readonly MemberIn[],
): void {
  const has = db.$client.prepare(`SELECT 1 FROM ${table} WHERE vocabulary_id = ? AND local_name = ?`)
  for (const m of members) {
    if (has.get(vocabularyId, m.localName)) continue
    db.$client
      .prepare(
        `INSERT INTO ${table} (id, owner_id, vocabulary_id, local_name, label, comment) VALUES (?, NULL, ?, ?, ?, ?)`,
      )
      .run(
        nextId(db, table === 'property' ? 'properties' : 'resource_classes'),
        vocabularyId,
        m.localName,
        m.label,
        m.comment,
      )
  }
}

/** A local property or class id by term. */
export function termId(db: Db, table: 'property' | 'resource_class', term: string | null | undefined): number | null {
  if (!term) return null
  const row = db.$client
    .prepare<unknown[], { id: number }>(
      `SELECT m.id FROM ${table} m JOIN vocabulary v ON v.id = m.vocabulary_id WHERE v.prefix || ':' || m.local_name = ?`,
    )
    .get(term)
  return row?.id ?? null
}

/** A template to ensure, by label: class and properties by term. */
export interface TemplateIn {
  remoteId: number
  label: string
  classTerm: string | null
  titleTerm: string | null
  descriptionTerm: string | null
  properties: {
    term: string
    alternateLabel: string | null
    alternateComment: string | null
    dataType: unknown
    isRequired: boolean
    isPrivate: boolean
    defaultLang: string | null
  }[]
}

/** The local template of this label; created with its properties (in order) when absent. */
export function ensureTemplate(ctx: RunCtx, t: TemplateIn, ownerId: number | null): RecordLog {
  const { db } = ctx.deps
  const base = { resource: 'resource_templates' as const, remoteId: t.remoteId }
  const found = db.$client
    .prepare<unknown[], { id: number }>('SELECT id FROM resource_template WHERE label = ?')
    .get(t.label)
  const mapped = ctx.map.get('resource_templates', t.remoteId)
  if (found) {
    if (mapped?.localId !== found.id)
      ctx.map.put('resource_templates', {
        remoteId: t.remoteId,
        localId: found.id,
        hash: null,
        localModified: null,
        createdByRun: null,
        pending: null,
        data: null,
      })
    return { ...base, localId: found.id, outcome: 'unchanged' }
  }
  if (ctx.run.options.dry_run) return { ...base, localId: null, outcome: 'would_create' }
  const id = nextId(db, 'resource_templates')
  db.$client
    .prepare(
      'INSERT INTO resource_template (id, owner_id, resource_class_id, title_property_id, description_property_id, label) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      id,
      ownerId,
      termId(db, 'resource_class', t.classTerm),
      termId(db, 'property', t.titleTerm),
      termId(db, 'property', t.descriptionTerm),
      t.label,
    )
  const insert = db.$client.prepare(
    'INSERT INTO resource_template_property (resource_template_id, property_id, alternate_label, alternate_comment, position, data_type, is_required, is_private, default_lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const missing: string[] = []
  const seen = new Set<number>()
  let position = 0
  for (const p of t.properties) {
    const pid = termId(db, 'property', p.term)
    if (pid === null) missing.push(p.term)
    else if (!seen.has(pid) && seen.add(pid))
      insert.run(
        id,
        pid,
        p.alternateLabel,
        p.alternateComment,
        ++position,
        JSON.stringify(p.dataType ?? []),
        p.isRequired ? 1 : 0,
        p.isPrivate ? 1 : 0,
        p.defaultLang,
      )
  }
  ctx.map.put('resource_templates', {
    remoteId: t.remoteId,
    localId: id,
    hash: null,
    localModified: null,
    createdByRun: ctx.run.id,
    pending: null,
    data: null,
  })
  return {
    ...base,
    localId: id,
    outcome: 'created',
    message: missing.length ? `Unknown properties left out: ${missing.join(', ')}` : null,
  }
}
