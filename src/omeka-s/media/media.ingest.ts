import { createHash, randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { SRequest } from '../context.js'
import { purifyHtml } from '../http/purify.js'
import { phpBool } from '../write/payload-fields.js'

/** What an ingester produced, ready to be stored with the media row. */
export interface IngestedMedia {
  ingester: 'upload' | 'html'
  renderer: 'file' | 'html'
  data: unknown
  source: string | null
  mediaType: string | null
  storageId: string | null
  extension: string | null
  sha256: string | null
  size: number | null
  hasOriginal: boolean
  hasThumbnails: boolean
}

/** An ingester's error store (e.g. `{"error": ["No files were uploaded"]}`); the caller decides where it goes. */
export class IngestError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super('Media ingest failed.')
  }
}

/** finfo's answer for the bytes (file-type, then a text check like libmagic's). */
export async function detectMediaType(bytes: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(bytes)
  if (found) return found.mime
  const text = bytes.toString('utf8')
  if (bytes.includes(0) || text.includes('\uFFFD')) return 'application/octet-stream'
  if (/^\s*<\?php/i.test(text)) return 'text/x-php'
  if (/^\s*<(!doctype html|html)/i.test(text)) return 'text/html'
  return 'text/plain'
}

/** Validator::validate against the whitelists (both messages when both fail). */
function validateFile(req: SRequest, name: string, mediaType: string, extension: string): void {
  if (req.settings.disable_file_validation) return
  const errors: string[] = []
  if (!req.settings.media_type_whitelist.includes(mediaType)) errors.push(`Error validating "${name}". Cannot store files with the media type "${mediaType}".`)
  if (!req.settings.extension_whitelist.includes(extension)) errors.push(`Error validating "${name}". Cannot store files with the resolved extension "${extension}".`)
  if (errors.length) throw new IngestError({ file: errors })
}

/** Stores bytes under a new random storage id; thumbnails for images. */
export async function storeFile(req: SRequest, kind: 'original' | 'asset', bytes: Buffer, extension: string): Promise<{ storageId: string; hasThumbnails: boolean }> {
  const storageId = randomBytes(20).toString('hex')
  req.deps.files.write(kind, extension ? `${storageId}.${extension}` : storageId, bytes)
  const hasThumbnails = kind === 'original' && (await req.deps.files.writeThumbnails(storageId, bytes))
  return { storageId, hasThumbnails }
}

/** The upload ingester: `file_index` names the multipart field `file[N]`. */
async function upload(req: SRequest, payload: Record<string, unknown>): Promise<IngestedMedia> {
  const fileFields = [...req.files.keys()].filter((k) => /^file\[[^\]]*\]$/.test(k))
  if (fileFields.length === 0) throw new IngestError({ error: ['No files were uploaded'] })
  const index = payload.file_index
  if (index === undefined || index === null) throw new IngestError({ error: ['No file index was specified'] })
  const file = req.files.get(`file[${String(index)}]`)
  if (!file) throw new IngestError({ error: ['No file uploaded for the specified index'] })
  const bytes = Buffer.from(await file.arrayBuffer())
  const mediaType = await detectMediaType(bytes)
  const extension = extname(file.name).slice(1).toLowerCase()
  validateFile(req, file.name, mediaType, extension)
  const stored = await storeFile(req, 'original', bytes, extension)
  return {
    ingester: 'upload', renderer: 'file', data: null, source: file.name, mediaType, extension: extension || null,
    sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, hasOriginal: true, ...stored,
  }
}

/** The html ingester: the payload itself is the media's data, its HTML purified unless disabled. */
function html(req: SRequest, payload: Record<string, unknown>): IngestedMedia {
  if (typeof payload.html !== 'string') throw new IngestError({ html: ['No HTML submitted'] })
  const data = { ...payload, html: req.settings.use_htmlpurifier ? purifyHtml(payload.html) : payload.html }
  return { ingester: 'html', renderer: 'html', data, source: null, mediaType: null, storageId: null, extension: null, sha256: null, size: null, hasOriginal: false, hasThumbnails: false }
}

/** Core Omeka S 4.2.0's other ingesters (not implemented here). */
const CORE_INGESTERS = ['url', 'youtube', 'iiif', 'iiif_presentation', 'oembed']

/** Runs the payload's ingester (`o:ingester`); files are stored before the database write. */
export async function ingest(req: SRequest, payload: Record<string, unknown>): Promise<IngestedMedia> {
  const name = payload['o:ingester']
  if (name === 'upload') return upload(req, payload)
  if (name === 'html') return html(req, payload)
  // MediaAdapter: no ingester at all, a name no ingester has, or one of core's that this server lacks.
  if (!phpBool(name)) throw new IngestError({ 'o:ingester': ['Media must set an ingester.'] })
  if (typeof name !== 'string' || !CORE_INGESTERS.includes(name)) throw new IngestError({ 'o:ingester': ['Media must set a valid ingester.'] })
  throw new IngestError({ 'o:ingester': [`Media ingester "${name}" is not available.`] })
}

/** Removes what ingest() stored (the database write failed). */
export function discardIngested(req: SRequest, list: readonly IngestedMedia[]): void {
  for (const m of list) if (m.storageId) req.deps.files.deleteStored('original', m.extension ? `${m.storageId}.${m.extension}` : m.storageId, m.storageId)
}
