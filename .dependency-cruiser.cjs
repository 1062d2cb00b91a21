/** Dependency rules of docs/architecture.md, checked by `npm run check` (dependency-cruiser). */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles hide which module owns what.', from: {}, to: { circular: true } },
    { name: 'core-imports-no-flavour', severity: 'error', comment: 'core/ is flavour-free.', from: { path: '^src/core/' }, to: { path: '^src/(classic|omeka-s|control|cli|admin|openapi)/|^src/(app|main)\\.ts$' } },
    { name: 'control-imports-no-flavour', severity: 'error', comment: 'The toolkit is flavour-parameterised; each flavour mounts its own contract.', from: { path: '^src/control/' }, to: { path: '^src/(classic|omeka-s|cli)/|^src/(app|main)\\.ts$' } },
    { name: 'classic-not-s', severity: 'error', comment: 'No flavour imports another.', from: { path: '^src/classic/' }, to: { path: '^src/omeka-s/' } },
    { name: 's-not-classic', severity: 'error', comment: 'No flavour imports another.', from: { path: '^src/omeka-s/' }, to: { path: '^src/classic/' } },
    { name: 'nothing-imports-cli', severity: 'error', comment: 'cli/ turns argv into calls; nothing depends on it.', from: { pathNot: '^src/(cli/|main\\.ts$)|^test/' }, to: { path: '^src/cli/' } },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // swc (the TypeScript 7 toolchain has no compiler API for the default parser) does not read TSX: the admin
    // page's .tsx views are left out here; Biome's noImportCycles covers them.
    exclude: { path: '^(dist|node_modules)/|\\.tsx$' },
  },
}
