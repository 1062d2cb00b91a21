import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { ApiError, notFound, permissionDenied } from '../../../core/http/errors.js'
import { phpJsonEncode } from '../../../core/http/php-json.js'
import { FileStore } from '../../../core/files/file-store.js'
import { checkAllowed, inspectUpload } from '../../../core/files/ingest.js'
import type { ClassicRequest, ClassicResource } from '../../context.js'
import { failLikeMysql, mysqlElementTextError, parseElementTexts } from '../element-texts/element-texts.schemas.js'
import { extendedResources } from '../../extensions.js'
import { findItem } from '../items/items.repo.js'
import {
  createdResponse,
  deletedResponse,
  indexResponse,
  jsonBody,
  pageOf,
  recordResponse,
  seesPrivate,
  bugCompat,
} from '../../respond.js'
import { parseJsonObject } from '../../router.js'
import { bodyRefId } from '../../shared.js'
import {
  deleteFileRecord,
  filesOrder,
  filesWhere,
  findFile,
  insertFile,
  loadFileTexts,
  searchFiles,
  updateFile,
  type FileRow,
} from './files.repo.js'
import { toFileJson } from './files.representation.js'
import { elementRefs } from '../element-texts/element-texts.representation.js'

function represent(req: ClassicRequest, rows: FileRow[]) {
  const texts = loadFileTexts(req.deps.db, rows)
  const refs = elementRefs(req.urls)
  return rows.map((f) =>
    toFileJson(
      f,
      texts.get(f.id) ?? [],
      req.urls,
      req.settings.api_filter_element_texts,
      extendedResources(req, 'files', f.id),
      refs,
    ),
  )
}

const orderOf = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? Math.trunc(n) : null
}

/**
 * POST /api/files: multipart with exactly one `file` part and a `data` JSON part. Bytes are stored
 * before the record is written and removed again if the write fails, so no orphan survives an error.
 */
async function postFile(req: ClassicRequest): Promise<Response> {
  const form = req.form
  const uploads = form
    ? Object.values(form).filter((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v)
    : []
  if (!form || uploads.length !== 1)
    throw new ApiError(400, 'Invalid request. Exactly one file must be uploaded per request.')
  if (typeof form.data !== 'string') throw new ApiError(400, 'Invalid request. Missing JSON data.')
  const data = parseJsonObject(form.data)
  if (!data) throw new ApiError(400, 'Invalid request. Request body must be a JSON object.')
  const { db, files, config } = req.deps
  const itemId = bodyRefId(data.item)
  const item = itemId ? findItem(db, itemId, seesPrivate(req)) : undefined
  if (!item) throw new ApiError(400, 'Invalid item. File must belong to an existing item.')
  if (!can(req.user, 'edit', 'Items', { ownerId: item.ownerId })) permissionDenied()

  const upload = uploads[0]!
  if (upload.size > config.maxUploadBytes)
    throw new ApiError(
      413,
      `The file '${upload.name}' exceeds the maximum upload size of ${config.maxUploadBytes} bytes.`,
    )
  const bytes = Buffer.from(await upload.arrayBuffer())
  const facts = await inspectUpload(upload.name, bytes)
  const refused = checkAllowed(upload.name, facts.mimeType, {}, bugCompat(req))
  if (refused.length) throw new ApiError(500, refused.join('\n\n'))

  const filename = FileStore.generateStoredName(upload.name)
  const texts = parseElementTexts(db, data.element_texts)
  files.writeOriginal(filename, bytes)
  let id: number
  try {
    const hasDerivativeImage = await files.writeDerivatives(filename, bytes)
    id = transaction(db, () =>
      insertFile(db, {
        itemId: item.id,
        order: orderOf(data.order),
        filename,
        originalFilename: upload.name,
        size: facts.size,
        authentication: facts.authentication,
        mimeType: facts.mimeType,
        typeOs: facts.typeOs,
        hasDerivativeImage,
        metadata: phpJsonEncode(facts.metadata),
        ...(texts ? { elementTexts: texts } : {}),
      }),
    )
  } catch (err) {
    files.deleteAll(filename)
    throw err
  }
  return createdResponse(req, 'files', id, represent(req, [findFile(db, id, true)!])[0])
}

export const filesResource: ClassicResource = {
  name: 'files',
  controller: 'files',
  recordType: 'File',
  actions: ['index', 'get', 'post', 'put', 'delete'],
  indexParams: [
    'item',
    'order',
    'size_greater_than',
    'has_derivative_image',
    'mime_type',
    'modified_since',
    'added_since',
  ],
  multipartPost: true,
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchFiles(
        req.deps.db,
        filesWhere(req.query, seesPrivate(req), bugCompat(req)),
        filesOrder(req.query),
        page.page,
        page.perPage,
      )
      return indexResponse(req, 'files', represent(req, rows), total, page)
    },
    get(req) {
      return recordResponse(req, represent(req, [findFile(req.deps.db, req.id, seesPrivate(req)) ?? notFound()])[0])
    },
    post: postFile,
    put(req) {
      const { db } = req.deps
      const file = findFile(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'edit', 'Files', { ownerId: file.itemOwnerId })) permissionDenied()
      const body = jsonBody(req)
      const parsed = parseElementTexts(db, body.element_texts)
      const failure = bugCompat(req) ? mysqlElementTextError(body.element_texts) : undefined
      const texts = failure ? undefined : parsed
      transaction(db, () =>
        updateFile(db, file.id, {
          ...('order' in body ? { order: orderOf(body.order) } : {}),
          ...(texts ? { elementTexts: texts } : {}),
        }),
      )
      if (failure) failLikeMysql(db, 'File', file.id, true, parsed ?? [], failure)
      return recordResponse(req, represent(req, [findFile(db, file.id, true)!])[0])
    },
    delete(req) {
      const { db, files } = req.deps
      const file = findFile(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'delete', 'Files', { ownerId: file.itemOwnerId })) permissionDenied()
      transaction(db, () => deleteFileRecord(db, file.id))
      files.deleteAll(file.filename)
      return deletedResponse()
    },
  },
}
