// Every month boundary in the domain is Asia/Shanghai; the runner's own zone must not matter, so tests run elsewhere on purpose.
process.env.TZ = 'UTC'
// Point the real wx-server-sdk at the local emulator without touching production code (see README, "本地模拟器").
process.env.TENCENTCLOUD = 'true'
process.env.TENCENTCLOUD_SECRETID = 'local'
process.env.TENCENTCLOUD_SECRETKEY = 'local'
