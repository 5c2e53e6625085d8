module.exports = { ...require('../../jest.preset.js'), displayName: 'reference-data', rootDir: __dirname };
