module.exports = { ...require('../../jest.preset.js'), displayName: 'indicators', rootDir: __dirname };
