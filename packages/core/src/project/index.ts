export * from './brief.js'
export * from './moves.js'
export * from './project.js'
export * from './stages.js'
