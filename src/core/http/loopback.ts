import { isIP } from 'node:net'

/** Whether `host` (a `--host` value) only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7))
  return h === '::1'
}
