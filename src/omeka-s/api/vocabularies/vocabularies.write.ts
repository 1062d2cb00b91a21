import { nextId, transaction, type Db } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import { entityNotFound, validationError } from '../../respond.js'
import { renderRow } from '../../write/owned.js'
import { tableRow } from '../../simple.js'
import { asDeleted, pathId, strOrNull } from '../../write/payload-fields.js'
import { vocabularySpec } from './vocabularies.repo.js'

/** Prefixes Omeka S keeps for itself (`o` and every `o-…`, its own vocabularies in the JSON-LD context). */
const RESERVED_PREFIX = /^o(-|$)/

const text = (v: unknown) => (strOrNull(v) ?? '').trim()

/** VocabularyAdapter::validateEntity: required fields, reserved prefixes, unique namespace and prefix. */
function validate(db: Db, ns: string, prefix: string, label: string): void {
  const errors: Record<string, string[]> = {}
  if (ns === '') errors['o:namespace_uri'] = ['The namespace URI cannot be empty.']
  else if (db.$client.prepare('SELECT 1 FROM vocabulary WHERE namespace_uri = ?').get(ns))
    errors['o:namespace_uri'] = [`The namespace URI "${ns}" is already taken.`]
  if (prefix === '') errors['o:prefix'] = ['The prefix cannot be empty.']
  else if (RESERVED_PREFIX.test(prefix)) errors['o:prefix'] = [`The prefix "${prefix}" is reserved.`]
  else if (db.$client.prepare('SELECT 1 FROM vocabulary WHERE prefix = ?').get(prefix))
    errors['o:prefix'] = [`The prefix "${prefix}" is already taken.`]
  if (label === '') errors['o:label'] = ['The label cannot be empty.']
  if (Object.keys(errors).length) validationError(errors)
}

function insertMembers(
  db: Db,
  table: 'property' | 'resource_class',
  vocabularyId: number,
  ownerId: number | null,
  list: unknown,
): void {
  const members = (Array.isArray(list) ? list : []).filter(
    (m): m is Record<string, unknown> => m !== null && typeof m === 'object',
  )
  for (const m of members) {
    const local = text(m['o:local_name'])
    if (local === '') continue
    db.$client
      .prepare(
        `INSERT INTO ${table} (id, owner_id, vocabulary_id, local_name, label, comment) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        nextId(db, table === 'property' ? 'properties' : 'resource_classes'),
        ownerId,
        vocabularyId,
        local,
        text(m['o:label']) || local,
        strOrNull(m['o:comment']),
      )
  }
}

/** POST /api/vocabularies (admins): the vocabulary with its `o:class` and `o:property` members. */
export function createVocabulary(req: ApiRequest): unknown {
  const { db } = req.deps
  const b = req.body
  const [ns, prefix, label] = [text(b['o:namespace_uri']), text(b['o:prefix']), text(b['o:label'])]
  validate(db, ns, prefix, label)
  const owner = req.user?.id ?? null
  const id = transaction(db, () => {
    const id = nextId(db, 'vocabularies')
    db.$client
      .prepare('INSERT INTO vocabulary (id, owner_id, namespace_uri, prefix, label, comment) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, owner, ns, prefix, label, strOrNull(b['o:comment']))
    insertMembers(db, 'resource_class', id, owner, b['o:class'])
    insertMembers(db, 'property', id, owner, b['o:property'])
    return id
  })
  return renderRow(req, vocabularySpec, id)
}

/** DELETE /api/vocabularies/:id: its members and the values and template rows using them go too. */
export function deleteVocabulary(req: ApiRequest): unknown {
  const row = tableRow(req, vocabularySpec, pathId(req)) ?? entityNotFound('Vocabulary', req.id)
  const rep = asDeleted(renderRow(req, vocabularySpec, row.id), req.urls.api('vocabularies'))
  const { db } = req.deps
  transaction(db, () => {
    const props = 'SELECT id FROM property WHERE vocabulary_id = ?'
    db.$client.prepare(`DELETE FROM value WHERE property_id IN (${props})`).run(row.id)
    db.$client.prepare(`DELETE FROM resource_template_property WHERE property_id IN (${props})`).run(row.id)
    db.$client
      .prepare(
        'UPDATE resource SET resource_class_id = NULL WHERE resource_class_id IN (SELECT id FROM resource_class WHERE vocabulary_id = ?)',
      )
      .run(row.id)
    db.$client.prepare('DELETE FROM vocabulary WHERE id = ?').run(row.id)
  })
  return rep
}
