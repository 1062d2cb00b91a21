import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core'

/**
 * Redocly's `recommended` ruleset. `operation-4xx-response` stays a warning: a few operations cannot fail
 * (Omeka's HTML /api page, the JSON-LD context, listing or clearing the journal, faults and snapshots).
 */
export async function lintOpenApi(name: string, doc: unknown): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ['recommended'] })
  return lintFromString({ source: JSON.stringify(doc), absoluteRef: `/__openapi/${name}.json`, config })
}

/** `warn rule-id at /paths/...` per problem, for readable assertions. */
export const describeProblems = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`)
