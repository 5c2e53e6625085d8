module.exports = { ...require('../../jest.preset.js'), displayName: 'clues', rootDir: __dirname };
