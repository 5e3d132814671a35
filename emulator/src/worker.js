'use strict'
// One cloud-function process. getWXContext() reads process.env, so each worker serves a single
// invocation at a time and sets the caller's identity right before calling main().
let mod
let modFile

process.on('unhandledRejection', (e) => {
  // node-sdk has code paths that reject without a handler; the real runtime would log, not crash.
  console.error('[unhandledRejection]', e && e.stack ? e.stack : e)
})

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  const env = process.env
  env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID'
  env.WX_OPENID = msg.openid || ''
  env.WX_APPID = msg.appid
  env.WX_UNIONID = ''
  if (msg.now) env.LX_NOW = msg.now
  else delete env.LX_NOW
  try {
    if (modFile !== msg.file) {
      mod = require(msg.file)
      modFile = msg.file
    }
    if (!mod || typeof mod.main !== 'function') throw new Error(`${msg.file} does not export main`)
    const result = await mod.main(msg.event, msg.context)
    process.send({
      type: 'result',
      id: msg.id,
      ok: true,
      result: result === undefined ? null : result,
    })
  } catch (e) {
    const error = { message: e && e.message ? e.message : String(e), stack: e && e.stack }
    process.send({ type: 'result', id: msg.id, ok: false, error })
  }
})

// Cold start: the bundle loads before the worker reports ready, as the platform initialises a function before
// its first invocation, so loading is not charged to that invocation's timeout. A bundle that throws while
// loading is required again by the invocation, which reports the error.
const preload = process.argv[2]
if (preload) {
  try {
    mod = require(preload)
    modFile = preload
  } catch {
    mod = undefined
  }
}
process.send({ type: 'ready' })
