import { createHash, randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { ApiRequest } from '../../context.js'
import { purifyHtml } from '../../http/purify.js'
import { phpBool } from '../../write/payload-fields.js'

/** What an ingester produced, ready to be stored with the media row. */
export interface IngestedMedia {
  ingester: 'upload' | 'html' | 'url'
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

/** An ingester failure Omeka answers with a JSON 500 (`--bug-compat` only). */
export class IngestFailure extends Error {}

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

/** Omeka\File\Validator::validate against whitelists: both messages, under `file`, when both fail. */
export function whitelistErrors(
  name: string,
  mediaType: string,
  extension: string,
  mediaTypes: readonly string[],
  extensions: readonly string[],
): string[] {
  const errors: string[] = []
  if (!mediaTypes.includes(mediaType))
    errors.push(`Error validating "${name}". Cannot store files with the media type "${mediaType}".`)
  if (!extensions.includes(extension))
    errors.push(`Error validating "${name}". Cannot store files with the resolved extension "${extension}".`)
  return errors
}

/** The media file validator: the settings' whitelists, unless file validation is disabled. */
function validateFile(req: ApiRequest, name: string, mediaType: string, extension: string): void {
  if (req.settings.disable_file_validation) return
  const errors = whitelistErrors(
    name,
    mediaType,
    extension,
    req.settings.media_type_whitelist,
    req.settings.extension_whitelist,
  )
  if (errors.length) throw new IngestError({ file: errors })
}

/** Stores bytes under a new random storage id; thumbnails for images. */
export async function storeFile(
  req: ApiRequest,
  kind: 'original' | 'asset',
  bytes: Buffer,
  extension: string,
): Promise<{ storageId: string; hasThumbnails: boolean }> {
  const storageId = randomBytes(20).toString('hex')
  req.deps.files.write(kind, extension ? `${storageId}.${extension}` : storageId, bytes)
  const hasThumbnails = kind === 'original' && (await req.deps.files.writeThumbnails(storageId, bytes))
  return { storageId, hasThumbnails }
}

/** The upload ingester: `file_index` names the multipart field `file[N]`. */
async function upload(req: ApiRequest, payload: Record<string, unknown>): Promise<IngestedMedia> {
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
    ingester: 'upload',
    renderer: 'file',
    data: null,
    source: file.name,
    mediaType,
    extension: extension || null,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    hasOriginal: true,
    ...stored,
  }
}

/**
 * Laminas\Uri\Http's reading of an ingest URL: a scheme other than http(s) throws (Omeka answers that
 * 500, a quirk), and only an absolute URL with a host is valid.
 */
function ingestUri(text: string): { ok: true; url: URL } | { ok: false; badScheme?: string } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]
  if (scheme && !/^https?$/i.test(scheme)) return { ok: false, badScheme: scheme }
  if (!scheme) return { ok: false }
  try {
    const url = new URL(text)
    return url.hostname ? { ok: true, url } : { ok: false }
  } catch {
    return { ok: false }
  }
}

/**
 * The url ingester (Omeka\Media\Ingester\Url): downloads `ingest_url` as Omeka's Downloader does and
 * stores it like an upload; its errors are Omeka's (`ingest_url`, `download`, the validator's `file`).
 */
async function url(req: ApiRequest, payload: Record<string, unknown>): Promise<IngestedMedia> {
  const raw = payload.ingest_url
  if (raw === undefined || raw === null) throw new IngestError({ error: ['No ingest URL specified'] })
  const text = typeof raw === 'string' ? raw : String(raw)
  const uri = ingestUri(text)
  if (!uri.ok) {
    if (uri.badScheme && req.deps.config.bugCompat)
      throw new IngestFailure(`Scheme "${uri.badScheme}" is not valid or is not accepted by Laminas\\Uri\\Http`)
    throw new IngestError({ ingest_url: ['Invalid ingest URL'] })
  }
  const bytes = await download(req, text, uri.url)
  const mediaType = await detectMediaType(bytes)
  const extension = extname(uri.url.pathname).slice(1).toLowerCase()
  validateFile(req, text, mediaType, extension)
  const stored = await storeFile(req, 'original', bytes, extension)
  return {
    ingester: 'url',
    renderer: 'file',
    data: null,
    source: typeof payload['o:source'] === 'string' ? payload['o:source'] : text,
    mediaType,
    extension: extension || null,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    hasOriginal: true,
    ...stored,
  }
}

/** Omeka\File\Downloader: the body of a 200, else `Error downloading <url>: <reason>` under `download`. */
async function download(req: ApiRequest, text: string, url: URL): Promise<Buffer> {
  const fail = (reason: string): never => {
    throw new IngestError({ download: [`Error downloading ${text}: ${reason}`] })
  }
  let res: Response
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) })
  } catch {
    // Laminas's socket adapter words a failed connection this way (the port Omeka names is the URL's).
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    return fail(
      `Unable to connect to ${url.hostname}:${port} . Error #0: stream_socket_client(): Unable to connect to ${url.hostname}:${port} (Connection refused)`,
    )
  }
  if (res.status !== 200) return fail(`${res.status} ${res.statusText}`)
  const bytes = Buffer.from(await res.arrayBuffer())
  if (bytes.length > req.deps.config.maxUploadBytes)
    return fail(`the file exceeds the maximum upload size of ${req.deps.config.maxUploadBytes} bytes`)
  return bytes
}

/** The html ingester: the payload itself is the media's data, its HTML purified unless disabled. */
function html(req: ApiRequest, payload: Record<string, unknown>): IngestedMedia {
  if (typeof payload.html !== 'string') throw new IngestError({ html: ['No HTML submitted'] })
  const data = { ...payload, html: req.settings.use_htmlpurifier ? purifyHtml(payload.html) : payload.html }
  return {
    ingester: 'html',
    renderer: 'html',
    data,
    source: null,
    mediaType: null,
    storageId: null,
    extension: null,
    sha256: null,
    size: null,
    hasOriginal: false,
    hasThumbnails: false,
  }
}

/** Core Omeka S 4.2.0's other ingesters (not implemented here). */
const CORE_INGESTERS = ['youtube', 'iiif', 'iiif_presentation', 'oembed']

/** Runs the payload's ingester (`o:ingester`); files are stored before the database write. */
export async function ingest(req: ApiRequest, payload: Record<string, unknown>): Promise<IngestedMedia> {
  const name = payload['o:ingester']
  if (name === 'upload') return upload(req, payload)
  if (name === 'html') return html(req, payload)
  if (name === 'url') return url(req, payload)
  // MediaAdapter: no ingester at all, a name no ingester has, or one of core's that this server lacks.
  if (!phpBool(name)) throw new IngestError({ 'o:ingester': ['Media must set an ingester.'] })
  if (typeof name !== 'string' || !CORE_INGESTERS.includes(name))
    throw new IngestError({ 'o:ingester': ['Media must set a valid ingester.'] })
  throw new IngestError({ 'o:ingester': [`Media ingester "${name}" is not available.`] })
}

/** Removes what ingest() stored (the database write failed). */
export function discardIngested(req: ApiRequest, list: readonly IngestedMedia[]): void {
  for (const m of list)
    if (m.storageId)
      req.deps.files.deleteStored('original', m.extension ? `${m.storageId}.${m.extension}` : m.storageId, m.storageId)
}
