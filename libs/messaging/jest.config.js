// Integration tests run against the real broker and database (see test/support): give them room.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'messaging',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
};
