export * from './core.js'
export * from './resources.js'
export * from './sites.js'
export * from './imports.js'
