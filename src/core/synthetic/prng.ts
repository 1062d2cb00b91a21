/** A seeded pseudo-random source: the same seed always yields the same sequence (mulberry32). */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T
  /** `n` distinct elements of `list` (all of them when n ≥ length), in list order. */
  sample<T>(list: readonly T[], n: number): T[]
  /** `bytes` random bytes as lower-case hex. */
  hex(bytes: number): string
}

/** mulberry32: tiny, fast and good enough for test data and fault dice; never for secrets. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[int(0, list.length - 1)]!,
    sample(list, n) {
      if (n >= list.length) return [...list]
      const picked = new Set<number>()
      while (picked.size < n) picked.add(int(0, list.length - 1))
      return [...picked].sort((a, b) => a - b).map((i) => list[i]!)
    },
    hex(bytes) {
      let out = ''
      for (let i = 0; i < bytes; i++) out += int(0, 255).toString(16).padStart(2, '0')
      return out
    },
  }
}
