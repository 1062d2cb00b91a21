export * from './users.js'
export * from './elements.js'
export * from './records.js'
export * from './settings.js'
