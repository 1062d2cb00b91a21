import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type sharp from 'sharp'
import { LIMITS } from '../http/limits.js'
import { DiskSpace } from './disk-space.js'

/** The four folders of an Omeka Classic `files/` directory. */
export type FileKind = 'original' | 'fullsize' | 'thumbnails' | 'square_thumbnails'

export const FILE_KINDS: readonly FileKind[] = ['original', 'fullsize', 'thumbnails', 'square_thumbnails']

type DerivativeKind = Exclude<FileKind, 'original'>

/** Omeka Classic's default constraints (options fullsize_constraint, thumbnail_constraint, square_thumbnail_constraint). */
export const DERIVATIVE_CONSTRAINTS: Readonly<Record<DerivativeKind, number>> = {
  fullsize: 800,
  thumbnails: 200,
  square_thumbnails: 200,
}

const JPEG_QUALITY = 85
const TMP_PREFIX = '.tmp-'

/** Throws unless `name` is a plain file name (no separators, no `..`, no NUL, not empty). */
export function assertPlainFileName(name: string): void {
  if (
    typeof name !== 'string' ||
    name === '' ||
    name === '.' ||
    name === '..' ||
    name.includes('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.includes('..') ||
    name.startsWith(TMP_PREFIX)
  ) {
    throw new Error(`Invalid file name: ${JSON.stringify(name)}`)
  }
}

/** The derivative file name Omeka uses for a stored file: its base name with a `.jpg` extension. */
export function derivativeName(filename: string): string {
  assertPlainFileName(filename)
  const ext = extname(filename)
  return `${ext ? filename.slice(0, -ext.length) : filename}.jpg`
}

// Like PHP's pathinfo(): the text after the last dot, even for `.htaccess`.
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot === -1 ? '' : name.slice(dot + 1)
}

function tmpName(): string {
  return `${TMP_PREFIX}${randomBytes(8).toString('hex')}`
}

/** Stored originals and derivative images laid out like Omeka Classic's `files/` directory. */
export class FileStore {
  /** Moves on every change to the stored files (a reset that finds it unchanged need not relink them). */
  generation = 0
  /** The space left to write (a test seam: `space.fill()` makes writes fail with ENOSPC). */
  readonly space = new DiskSpace()

  constructor(readonly root: string) {}

  /** Absolute path of `name` in the `kind` folder; throws on anything but a plain file name. */
  path(kind: FileKind, name: string): string {
    if (!FILE_KINDS.includes(kind)) throw new Error(`Invalid file kind: ${String(kind)}`)
    assertPlainFileName(name)
    return join(this.root, kind, name)
  }

  /** Writes an original atomically: readers see either no file or the whole file. */
  writeOriginal(filename: string, bytes: Buffer): void {
    const target = this.path('original', filename)
    this.writeAtomic(target, bytes)
  }

  /**
   * Stores an original from a file on disk: a hard link when possible (stored files are never
   * modified in place, only replaced), a copy otherwise (another file system).
   */
  importOriginal(filename: string, sourcePath: string): void {
    this.generation++
    const target = this.path('original', filename)
    mkdirSync(join(this.root, 'original'), { recursive: true })
    rmSync(target, { force: true })
    try {
      linkSync(sourcePath, target)
    } catch {
      this.writeAtomic(target, readFileSync(sourcePath))
    }
  }

  /** The bytes of a stored original; throws if it is missing. */
  readOriginal(filename: string): Buffer {
    return readFileSync(this.path('original', filename))
  }

  /** Whether `name` exists in the `kind` folder (for derivatives pass the `.jpg` name). */
  exists(kind: FileKind, name: string): boolean {
    return existsSync(this.path(kind, name))
  }

  /**
   * Makes fullsize (≤800px), thumbnail (≤200px) and 200×200 square JPEGs from `bytes`, like Omeka:
   * never enlarged except the square crop, EXIF orientation applied, transparency flattened on white.
   * Returns false, writing nothing, when sharp cannot decode the bytes as an image.
   */
  async writeDerivatives(filename: string, bytes: Buffer): Promise<boolean> {
    this.generation++
    const name = derivativeName(filename)
    // Loaded on first use: libvips is ~30 MB of resident memory that commands without images never need.
    const { default: load } = await import('sharp')
    let input: ReturnType<typeof sharp>
    try {
      input = load(bytes, { failOn: 'error', limitInputPixels: LIMITS.derivativePixels })
      // Validates the header without decoding pixels; throws for non-images.
      const meta = await input.metadata()
      if (!meta.width || !meta.height) return false
    } catch {
      return false
    }
    const base = input.rotate().flatten({ background: '#ffffff' })
    const written: string[] = []
    try {
      for (const kind of ['fullsize', 'thumbnails', 'square_thumbnails'] as const) {
        const size = DERIVATIVE_CONSTRAINTS[kind]
        const pipeline =
          kind === 'square_thumbnails'
            ? base.clone().resize(size, size, { fit: 'cover', position: 'centre' })
            : base.clone().resize(size, size, { fit: 'inside', withoutEnlargement: true })
        const target = this.path(kind, name)
        mkdirSync(join(this.root, kind), { recursive: true })
        const tmp = join(this.root, kind, tmpName())
        try {
          await pipeline.jpeg({ quality: JPEG_QUALITY }).toFile(tmp)
          renameSync(tmp, target)
        } finally {
          rmSync(tmp, { force: true })
        }
        written.push(target)
      }
      return true
    } catch {
      for (const path of written) rmSync(path, { force: true })
      return false
    }
  }

  /** Removes the original and its three derivatives; missing files are not an error. */
  deleteAll(filename: string): void {
    this.generation++
    rmSync(this.path('original', filename), { force: true })
    const name = derivativeName(filename)
    for (const kind of FILE_KINDS) {
      if (kind !== 'original') rmSync(this.path(kind, name), { force: true })
    }
  }

  /** Empties the store (every folder), keeping the root directory itself. */
  wipe(): void {
    this.generation++
    if (!existsSync(this.root)) return
    for (const entry of readdirSync(this.root)) {
      rmSync(join(this.root, entry), { recursive: true, force: true })
    }
  }

  /**
   * A fresh stored name like Omeka's: 32 random lower-case hex digits plus the original's extension,
   * kept as written; an extension that is not 1-10 of `[A-Za-z0-9]` is dropped (and then there is no dot).
   */
  static generateStoredName(originalFilename: string): string {
    const hash = randomBytes(16).toString('hex')
    // Omeka keeps the extension's case (`Sample.PNG` is stored as `<hash>.PNG`, as recorded).
    const ext = extensionOf(basename(originalFilename.replace(/\\/g, '/')))
    return /^[A-Za-z0-9]{1,10}$/.test(ext) ? `${hash}.${ext}` : hash
  }

  private writeAtomic(target: string, bytes: Buffer): void {
    this.space.reserve(target, bytes.length)
    this.generation++
    const dir = join(target, '..')
    mkdirSync(dir, { recursive: true })
    const tmp = join(dir, tmpName())
    try {
      writeFileSync(tmp, bytes, { flag: 'wx' })
      renameSync(tmp, target)
    } finally {
      rmSync(tmp, { force: true })
    }
  }
}
