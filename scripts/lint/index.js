// typescript-eslint needs TypeScript's JavaScript API, which the native TypeScript 7 compiler
// that builds the project does not have. This small package depends on typescript-eslint and
// TypeScript 6 so that npm installs both here, beside each other, while `tsc` at the root stays
// TypeScript 7. eslint.config.mjs takes typescript-eslint from here.
module.exports = require('typescript-eslint');
