#!/usr/bin/env node
// The omeka-twin command: the compiled build (shipped in the package; `npm run build` in a checkout).
// In a checkout without a build it runs the TypeScript sources through tsx, a dev dependency.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/main.js', import.meta.url)
if (existsSync(compiled)) {
  await import(compiled.href)
} else {
  const tsx = await import('tsx/esm/api').catch(() => null)
  if (!tsx) {
    console.error('omeka-twin: dist/ is missing; run `npm run build` first')
    process.exit(1)
  }
  tsx.register()
  await import('../src/main.ts')
}
