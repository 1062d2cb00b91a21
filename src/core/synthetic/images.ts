import { inspectUpload } from '../files/ingest.js'
import type { FileMetadata } from '../files/ingest.js'
import type { Random } from './prng.js'

/** A generated image and what Omeka's ingest would record about it. */
export interface GeneratedImage {
  filename: string
  originalFilename: string
  bytes: Buffer
  size: number
  mimeType: string
  typeOs: string
  metadata: FileMetadata
  authentication: string
}

const SIZES = [
  [120, 90],
  [480, 360],
  [960, 720],
] as const

const NAMES = ['scan', 'Fotografía', 'page', 'Ansicht', 'photo', 'карта'] as const

/** What to draw for one image; taking it from the PRNG up front keeps the output independent of scheduling. */
interface ImagePlan {
  pattern: Buffer
  width: number
  height: number
  format: 'png' | 'jpg'
  stem: string
  original: string
}

function plan(random: Random, n: number): ImagePlan {
  const [width, height] = SIZES[n % SIZES.length]!
  const format = n % 2 === 0 ? 'jpg' : 'png'
  const pattern = Buffer.from(Array.from({ length: 8 * 6 * 3 }, () => random.int(0, 255)))
  return { pattern, width, height, format, stem: random.hex(16), original: `${random.pick(NAMES)} ${n + 1}.${format}` }
}

async function render(p: ImagePlan): Promise<GeneratedImage> {
  // A coarse random pattern scaled up with nearest-neighbour: distinct per file, cheap to encode.
  // Loaded on first use (libvips): only seeding with files needs it, not the server's start-up.
  const { default: sharp } = await import('sharp')
  const base = sharp(p.pattern, { raw: { width: 8, height: 6, channels: 3 } }).resize(p.width, p.height, {
    kernel: 'nearest',
  })
  const bytes = p.format === 'png' ? await base.png().toBuffer() : await base.jpeg({ quality: 80 }).toBuffer()
  const facts = await inspectUpload(p.original, bytes)
  return {
    filename: `${p.stem}.${p.format}`,
    originalFilename: p.original,
    bytes,
    size: facts.size,
    mimeType: facts.mimeType,
    typeOs: facts.typeOs,
    metadata: facts.metadata,
    authentication: facts.authentication,
  }
}

/** `count` distinct images in a few sizes, PNG and JPEG; same random state → same bytes. */
export async function generateImages(random: Random, count: number): Promise<GeneratedImage[]> {
  const plans = Array.from({ length: count }, (_, n) => plan(random, n))
  const out: GeneratedImage[] = []
  // sharp works on libuv's thread pool; a bounded batch keeps memory flat.
  for (let at = 0; at < plans.length; at += 32) out.push(...(await Promise.all(plans.slice(at, at + 32).map(render))))
  return out
}
