module.exports = { ...require('../../jest.preset.js'), displayName: 'subgraph-server', rootDir: __dirname };
