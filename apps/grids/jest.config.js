module.exports = { ...require('../../jest.preset.js'), displayName: 'grids', rootDir: __dirname };
