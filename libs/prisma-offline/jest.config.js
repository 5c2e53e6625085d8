// Integration tests run the real Prisma CLI against PostgreSQL: allow each test a minute.
module.exports = { ...require('../../jest.preset.js'), displayName: 'prisma-offline', rootDir: __dirname, testTimeout: 60_000 };
