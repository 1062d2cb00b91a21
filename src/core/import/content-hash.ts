import { createHash } from 'node:crypto'

/** A content hash of what an import would write; equal hashes mean nothing to rewrite. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex')
}
