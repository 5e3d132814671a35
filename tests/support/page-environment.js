// The pages project's jsdom environment, run in Asia/Shanghai: every month boundary in the domain is there and
// pages format dates for people there. TZ must be set in the worker itself (a setup file only changes the
// sandbox's copy of process.env, which Date never reads), before the environment's realm is made.
const { TestEnvironment } = require('jest-environment-jsdom')

module.exports = class ShanghaiJsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    process.env.TZ = 'Asia/Shanghai'
    super(config, context)
  }
}
