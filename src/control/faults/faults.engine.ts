import { createRandom, type Random } from '../../core/synthetic/prng.js'
import { globToRegExp } from '../glob.js'
import type { FaultEffect, FaultRule, FaultSet } from './faults.schemas.js'

/** What a request looks like to the fault rules. */
export interface FaultRequest {
  method: string
  path: string
  key: string | undefined
}

/** One rule that fired for a request, as the journal records it. */
export interface AppliedFault {
  rule: number
  name?: string
  effect: FaultEffect
  /** The delay actually chosen, for latency effects. */
  delay_ms?: number
}

interface ActiveRule {
  rule: FaultRule
  pattern: RegExp
  remaining: number | null
  fired: number
}

/**
 * The fault rules in force and their dice. Every decision draws from one seeded PRNG in request
 * order, so the same seed and the same sequence of requests give the same faults.
 */
export class FaultEngine {
  private rules: ActiveRule[] = []
  private seed = 1
  private random: Random = createRandom(1)

  /** Replaces all rules and reseeds the dice. */
  set(set: FaultSet): void {
    this.seed = set.seed
    this.random = createRandom(set.seed)
    this.rules = set.rules.map((rule) => ({
      rule,
      pattern: globToRegExp(rule.path),
      remaining: rule.count ?? null,
      fired: 0,
    }))
  }

  clear(): void {
    this.set({ seed: 1, rules: [] })
  }

  get empty(): boolean {
    return this.rules.length === 0
  }

  /** The rules as given, with how often each fired and how many firings remain. */
  describe(): { seed: number; rules: (FaultRule & { fired: number; remaining: number | null })[] } {
    return { seed: this.seed, rules: this.rules.map((r) => ({ ...r.rule, fired: r.fired, remaining: r.remaining })) }
  }

  /** Rolls every matching rule for a request; the ones that fire are returned in rule order. */
  decide(req: FaultRequest): AppliedFault[] {
    const applied: AppliedFault[] = []
    this.rules.forEach((active, index) => {
      const { rule } = active
      if (active.remaining === 0) return
      if (rule.method && !rule.method.includes(req.method as never)) return
      if (rule.key !== undefined && rule.key !== req.key) return
      if (!active.pattern.test(req.path)) return
      if (rule.probability < 1 && !this.random.chance(rule.probability)) return
      if (active.remaining !== null) active.remaining--
      active.fired++
      const fault: AppliedFault = { rule: index, effect: rule.effect, ...(rule.name ? { name: rule.name } : {}) }
      if (rule.effect.type === 'latency') {
        const { ms, min_ms, max_ms } = rule.effect
        fault.delay_ms = ms ?? this.random.int(min_ms ?? 0, max_ms ?? 0)
      }
      applied.push(fault)
    })
    return applied
  }
}
