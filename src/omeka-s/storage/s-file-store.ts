import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { LIMITS } from '../../core/http/limits.js'
import { assertPlainFileName } from '../../core/files/file-store.js'
import { DiskSpace } from '../../core/files/disk-space.js'

/** The folders of an Omeka S `files/` directory. */
export type FileKind = 'original' | 'large' | 'medium' | 'square' | 'asset'
export const FILE_KINDS: readonly FileKind[] = ['original', 'large', 'medium', 'square', 'asset']
const THUMBNAILS = { large: 800, medium: 400, square: 200 } as const

export type Thumbnails = Record<'large' | 'medium' | 'square', Buffer>

/** Large/medium/square JPEG thumbnails like Omeka S's GD/Imagick thumbnailer; null when not an image. */
export async function makeThumbnails(bytes: Buffer): Promise<Thumbnails | null> {
  // Loaded on the first upload, as Classic's file store does: libvips is the largest thing an S server would load at start.
  const { default: sharp } = await import('sharp')
  try {
    const meta = await sharp(bytes, { failOn: 'error', limitInputPixels: LIMITS.derivativePixels }).metadata()
    if (!meta.width || !meta.height) return null
    const base = sharp(bytes, { limitInputPixels: LIMITS.derivativePixels }).rotate().flatten({ background: '#ffffff' })
    const out: Partial<Thumbnails> = {}
    for (const [kind, size] of Object.entries(THUMBNAILS) as [keyof Thumbnails, number][]) {
      const fit =
        kind === 'square'
          ? { fit: 'cover' as const, position: 'centre' }
          : { fit: 'inside' as const, withoutEnlargement: true }
      out[kind] = await base.clone().resize(size, size, fit).jpeg({ quality: 85 }).toBuffer()
    }
    return out as Thumbnails
  } catch {
    return null
  }
}

/** Stored originals, thumbnails and assets laid out like Omeka S's `files/` directory. */
export class FileStore {
  /** Moves on every change to the stored files (a reset that finds it unchanged need not relink them). */
  generation = 0
  /** The space left to write (a test seam: `space.fill()` makes writes fail with ENOSPC). */
  readonly space = new DiskSpace()

  constructor(readonly root: string) {}

  /** Absolute path of a plain file name in a folder; throws on anything else. */
  path(kind: FileKind, name: string): string {
    if (!FILE_KINDS.includes(kind)) throw new Error(`Invalid file kind: ${String(kind)}`)
    assertPlainFileName(name)
    return join(this.root, kind, name)
  }

  /** Writes bytes atomically (temp file + rename). */
  write(kind: FileKind, name: string, bytes: Buffer): void {
    this.generation++
    const target = this.path(kind, name)
    this.space.reserve(target, bytes.length)
    mkdirSync(join(this.root, kind), { recursive: true })
    const tmp = join(this.root, kind, `.tmp-${randomBytes(8).toString('hex')}`)
    writeFileSync(tmp, bytes)
    renameSync(tmp, target)
  }

  read(kind: FileKind, name: string): Buffer {
    return readFileSync(this.path(kind, name))
  }

  exists(kind: FileKind, name: string): boolean {
    return existsSync(this.path(kind, name))
  }

  /** Makes and stores large/medium/square JPEG thumbnails; false when not an image. */
  async writeThumbnails(storageId: string, bytes: Buffer): Promise<boolean> {
    const thumbs = await makeThumbnails(bytes)
    if (!thumbs) return false
    for (const [kind, jpeg] of Object.entries(thumbs) as [FileKind, Buffer][])
      this.write(kind, `${storageId}.jpg`, jpeg)
    return true
  }

  /**
   * Stores `name` as a hard link to the already stored `from` (a copy across file systems). Stored files are
   * never changed in place (writes replace them), so sharing the bytes is safe.
   */
  link(kind: FileKind, name: string, from: string): void {
    this.generation++
    const target = this.path(kind, name)
    mkdirSync(join(this.root, kind), { recursive: true })
    try {
      linkSync(this.path(kind, from), target)
    } catch {
      copyFileSync(this.path(kind, from), target)
    }
  }

  /** Removes a stored file and its thumbnails; missing files are not an error. */
  deleteStored(kind: 'original' | 'asset', filename: string, storageId: string): void {
    this.generation++
    rmSync(this.path(kind, filename), { force: true })
    for (const thumb of ['large', 'medium', 'square'] as const)
      rmSync(this.path(thumb, `${storageId}.jpg`), { force: true })
  }

  /** Empties the store, keeping the root directory. */
  wipe(): void {
    this.generation++
    if (!existsSync(this.root)) return
    for (const entry of readdirSync(this.root)) rmSync(join(this.root, entry), { recursive: true, force: true })
  }
}
