// The manifests' checks (infra/test): Kustomize renders, offline schema validation, drift from code.
module.exports = { ...require('../jest.preset.js'), displayName: 'infra', rootDir: __dirname };
