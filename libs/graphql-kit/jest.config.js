module.exports = { ...require('../../jest.preset.js'), displayName: 'graphql-kit', rootDir: __dirname };
