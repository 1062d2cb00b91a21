#!/usr/bin/env node
// The omeka-twin command: the compiled build when there is one (`npm run build`), else the
// TypeScript sources through tsx, so `npx omeka-twin ...` works either way.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/main.js', import.meta.url)
if (existsSync(compiled)) {
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/main.ts')
}
