import { generateImages, type GeneratedImage } from '../../core/synthetic/images.js'
import type { Random } from '../../core/synthetic/prng.js'
import { sha256 } from '../install/install.js'
import { makeThumbnails, type FileStore, type Thumbnails } from '../storage/s-file-store.js'

/**
 * At most this many distinct images are drawn and thumbnailed; media beyond it reuse them (each under its own
 * storage id). Making thumbnails costs ~10 ms an image, so a 10,000-media seed stays a matter of seconds.
 */
export const IMAGE_POOL = 24

/** One distinct seed image: its bytes, facts and thumbnails. */
export interface PoolImage {
  image: GeneratedImage
  extension: string
  sha256: string
  thumbnails: Thumbnails
}

/** A media's stored file: which pool image it shows, under which storage id. */
export interface PlacedFile {
  storageId: string
  pool: number
}

/** The seed's images with their thumbnails (same random state → same bytes). */
export async function imagePool(r: Random, files: number): Promise<PoolImage[]> {
  const images = await generateImages(r, Math.min(files, IMAGE_POOL))
  return Promise.all(
    images.map(async (image) => {
      const thumbnails = await makeThumbnails(image.bytes)
      if (!thumbnails) throw new Error(`seed image ${image.filename} could not be thumbnailed`)
      return {
        image,
        extension: image.filename.slice(image.filename.lastIndexOf('.') + 1),
        sha256: sha256(image.bytes),
        thumbnails,
      }
    }),
  )
}

/** Writes each pool image's original and thumbnails once, then links them for every other media showing it. */
export function writeSeedFiles(files: FileStore, pool: readonly PoolImage[], placed: readonly PlacedFile[]): void {
  const first = new Map<number, string>()
  for (const file of placed) {
    const p = pool[file.pool]!
    const original = `${file.storageId}.${p.extension}`
    const thumb = `${file.storageId}.jpg`
    const seen = first.get(file.pool)
    if (seen === undefined) {
      first.set(file.pool, file.storageId)
      files.write('original', original, p.image.bytes)
      for (const [kind, jpeg] of Object.entries(p.thumbnails) as [keyof Thumbnails, Buffer][])
        files.write(kind, thumb, jpeg)
      continue
    }
    files.link('original', original, `${seen}.${p.extension}`)
    for (const kind of ['large', 'medium', 'square'] as const) files.link(kind, thumb, `${seen}.jpg`)
  }
}
