module.exports = { ...require('../../jest.preset.js'), displayName: 'petitions', rootDir: __dirname };
