// Root Jest: every app and lib is one project, and infra (the Kubernetes manifests' checks);
// `npm run test:all` runs them all in one process tree.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['apps', 'libs'].flatMap((dir) =>
  existsSync(join(__dirname, dir))
    ? readdirSync(join(__dirname, dir))
        .map((name) => join(__dirname, dir, name, 'jest.config.js'))
        .filter((file) => existsSync(file))
    : [],
);

projects.push(join(__dirname, 'infra', 'jest.config.js'));

module.exports = { projects };
