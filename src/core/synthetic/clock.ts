import type { Random } from './prng.js'

/** A deterministic clock: starts at a seed-derived date, moves forward only by drawn amounts. */
export function makeClock(random: Random, seed: number) {
  let t = Date.UTC(2012, 0, 1) / 1000 + (seed % 3650) * 86400
  const iso = (s: number) => `${new Date(s * 1000).toISOString().slice(0, 19)}+00:00`
  return {
    tick(): { added: string; modified: string } {
      t += random.int(30, 4 * 3600)
      const modified = random.chance(0.3) ? t + random.int(60, 90 * 86400) : t
      return { added: iso(t), modified: iso(modified) }
    },
  }
}
