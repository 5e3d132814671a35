// Member and resident ids derive from the openid: registration is idempotent, the caller's record is one
// `_id` lookup, and openids never leave the server (other users only ever see these ids).
import { createHash } from 'crypto'

const digest = (openid: string) => createHash('sha256').update(openid).digest('hex').slice(0, 24)

export const memberIdOf = (openid: string) => `m${digest(openid)}`
export const residentIdOf = (openid: string) => `r${digest(openid)}`
