import * as z from 'zod'
import { isValueKey } from '../fixtures/insert.js'

/**
 * What an Omeka S origin sends (JSON-LD representations of 4.2.0), parsed once where a phase reads a
 * record: a record that does not match is logged `failed` with the reason, never written. Objects are
 * loose (Omeka and its modules add keys: `thumbnail_display_urls`, `@reverse`, `o-cnt:chars`…); only
 * the keys the importer reads are typed. String caps are Omeka's column lengths (Doctrine's default
 * 255, 190 for indexed columns), so a value Omeka could never have stored is refused here too.
 */

/** Keys that reach Object.prototype when an object is copied or assigned key by key. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
/** Nesting beyond this is no Omeka representation (navigation and block data are a few levels deep). */
const MAX_DEPTH = 64

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const text = (max: number) => z.string().max(max)
const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional()
const bool = z.boolean().optional()

/** A reference to another record: `{"@id": url, "o:id": id}`. */
const ref = z.looseObject({ 'o:id': id })
const optionalRef = nullable(ref)
const refs = z.array(ref).optional()

/** `o:created`/`o:modified`: a typed literal (`{"@value": …}`), or a bare string (users). */
const date = nullable(z.union([text(64), z.looseObject({ '@value': text(64) })]))

/** One value object of a term key, whatever its data type (literal, uri, resource:*, numeric:*, modules'). */
export const originValue = z
  .looseObject({
    type: text(190).min(1),
    is_public: bool,
    '@value': nullable(z.union([z.string(), z.number(), z.boolean()])),
    '@id': nullable(z.string()),
    '@language': nullable(text(190)),
    'o:label': nullable(z.string()),
    'o:lang': nullable(text(190)),
    value_resource_id: id.optional(),
    value_resource_name: text(190).optional(),
  })
  .refine((v) => !v.type.startsWith('resource') || v.value_resource_id !== undefined, {
    message: 'A resource value without value_resource_id',
    path: ['value_resource_id'],
  })

/** The common part of items, item sets and media. */
const resourceShape = {
  'o:id': id,
  'o:is_public': bool,
  'o:owner': optionalRef,
  'o:resource_class': optionalRef,
  'o:resource_template': optionalRef,
  'o:thumbnail': optionalRef,
  'o:created': date,
  'o:modified': date,
}

/** A resource representation: its own keys, and every term key (`dcterms:title`…) holding value objects. */
function resource<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject({ ...resourceShape, ...shape }).superRefine((r, ctx) => {
    for (const [term, list] of Object.entries(r)) {
      if (!isValueKey(term, list)) continue
      list.forEach((v, n) => {
        const parsed = originValue.safeParse(v)
        if (!parsed.success)
          for (const issue of parsed.error.issues)
            ctx.addIssue({ code: 'custom', message: issue.message, path: [term, n, ...issue.path] })
      })
    }
  })
}

export const originItemSet = resource({ 'o:is_open': bool })

export const originItem = resource({
  'o:item_set': refs,
  'o:media': refs,
  'o:primary_media': optionalRef,
  'o:site': refs,
})

export const originMedia = resource({
  'o:item': ref,
  'o:ingester': text(255),
  'o:renderer': text(255),
  data: z.unknown().optional(),
  'o:source': nullable(z.string()),
  'o:media_type': nullable(text(255)),
  'o:sha256': nullable(text(64)),
  'o:size': nullable(z.number().int().nonnegative()),
  'o:filename': nullable(text(255)),
  'o:original_url': nullable(z.string()),
  'o:thumbnail_urls': z.union([z.array(z.unknown()), z.record(z.string(), z.string())]).optional(),
  'o:lang': nullable(text(190)),
  'o:alt_text': nullable(z.string()),
})

export const originUser = z.looseObject({
  'o:id': id,
  'o:email': nullable(text(190)),
  'o:name': nullable(text(190)),
  'o:role': nullable(text(190)),
  'o:is_active': bool,
  'o:created': date,
})

export const originVocabulary = z.looseObject({
  'o:id': id,
  'o:namespace_uri': text(190).min(1),
  'o:prefix': text(190).min(1),
  'o:label': text(255),
  'o:comment': nullable(z.string()),
})

/** A property or a resource class. */
export const originMember = z.looseObject({
  'o:id': id,
  'o:local_name': text(190).min(1),
  'o:label': nullable(text(255)),
  'o:comment': nullable(z.string()),
  'o:term': text(381).min(3),
})

export const originTemplate = z.looseObject({
  'o:id': id,
  'o:label': text(190),
  'o:owner': optionalRef,
  'o:resource_class': optionalRef,
  'o:title_property': optionalRef,
  'o:description_property': optionalRef,
  'o:resource_template_property': z
    .array(
      z.looseObject({
        'o:property': ref,
        'o:alternate_label': nullable(z.string()),
        'o:alternate_comment': nullable(z.string()),
        'o:data_type': nullable(z.union([z.array(text(190)), text(190)])),
        'o:is_required': bool,
        'o:is_private': bool,
        'o:default_lang': nullable(text(190)),
      }),
    )
    .optional(),
})

export const originAsset = z.looseObject({
  'o:id': id,
  'o:owner': optionalRef,
  'o:name': nullable(text(255)),
  'o:filename': text(255).min(1),
  'o:media_type': nullable(text(255)),
  'o:asset_url': nullable(z.string()),
  'o:alt_text': nullable(z.string()),
})

export const originSite = z.looseObject({
  'o:id': id,
  'o:slug': text(190).min(1),
  'o:theme': nullable(text(190)),
  'o:title': text(190),
  'o:summary': nullable(z.string()),
  'o:thumbnail': optionalRef,
  'o:navigation': z.array(z.unknown()).optional(),
  'o:homepage': optionalRef,
  'o:item_pool': z.unknown().optional(),
  'o:owner': optionalRef,
  'o:created': date,
  'o:modified': date,
  'o:is_public': bool,
  'o:assign_new_items': bool,
  'o:site_permission': z.array(z.looseObject({ 'o:user': ref, 'o:role': text(190) })).optional(),
  'o:site_item_set': z.array(z.looseObject({ 'o:item_set': ref })).optional(),
})

const block = z.looseObject({
  'o:layout': text(190),
  'o:data': z.unknown().optional(),
  'o:layout_data': z.unknown().optional(),
  'o:attachment': z
    .array(
      z.looseObject({
        'o:item': optionalRef,
        'o:media': optionalRef,
        'o:caption': nullable(z.string()),
      }),
    )
    .optional(),
})

export const originPage = z.looseObject({
  'o:id': id,
  'o:slug': text(190).min(1),
  'o:title': text(255),
  'o:is_public': bool,
  'o:layout': nullable(text(190)),
  'o:layout_data': z.unknown().optional(),
  'o:block': z.array(block).optional(),
  'o:site': ref,
  'o:created': date,
  'o:modified': date,
})

export type OriginItem = z.infer<typeof originItem>
export type OriginItemSet = z.infer<typeof originItemSet>
export type OriginMedia = z.infer<typeof originMedia>
export type OriginUser = z.infer<typeof originUser>
export type OriginVocabulary = z.infer<typeof originVocabulary>
export type OriginMember = z.infer<typeof originMember>
export type OriginTemplate = z.infer<typeof originTemplate>
export type OriginAsset = z.infer<typeof originAsset>
export type OriginSite = z.infer<typeof originSite>
export type OriginPage = z.infer<typeof originPage>

/** The first key that names Object.prototype machinery, or a nesting deeper than any representation. */
function hostileKey(raw: unknown): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: raw, depth: 0, path: '' }]
  while (stack.length) {
    const { v, depth, path } = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth > MAX_DEPTH) return `${path || 'record'}: nested deeper than ${MAX_DEPTH} levels`
    for (const [k, child] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k
      if (HOSTILE_KEYS.has(k)) return `${at}: a key no Omeka record has`
      stack.push({ v: child, depth: depth + 1, path: at })
    }
  }
  return null
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * One origin record through its schema: the typed record, or why it is unreadable (the first issue, with
 * where it is). `JSON.parse` keeps `__proto__` as an own key, so those are refused before zod drops them.
 */
export function readRecord<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const hostile = hostileKey(raw)
  if (hostile) return { ok: false, message: `Unreadable record: ${hostile}` }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, message: `Unreadable record: ${where}${issue?.message ?? 'invalid'}` }
}
