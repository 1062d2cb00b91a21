// Copy-paste example of the programmatic API (README "Use it from JavaScript tests").
// Run from a project that has installed omeka-twin: node programmatic.mjs
import { startOmekaTwin } from 'omeka-twin'

const twin = await startOmekaTwin({ seed: { items: 20, seed: 42 } })
try {
  const key = twin.keys.admin
  const res = await fetch(`${twin.url}/api/items?key=${key}`)
  console.log(`GET /api/items: ${res.status}, ${res.headers.get('omeka-total-results')} items`)

  await twin.faults.set([{ path: '/api/items', effect: { type: 'status', status: 503 } }])
  console.log(`with a fault: ${(await fetch(`${twin.url}/api/items`)).status}`)
  await twin.faults.clear()

  await fetch(`${twin.url}/api/items/1?key=${key}`, { method: 'DELETE' })
  await twin.reset() // back to the seeded site
  console.log(`after reset: ${(await fetch(`${twin.url}/api/items/1?key=${key}`)).status}`)
} finally {
  await twin.close()
}
