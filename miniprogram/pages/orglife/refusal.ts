// How the session room and record show a refusal: a reviewer from outside the branch once the images are
// decided (PERMISSION_DENIED), or a session that is not there for the caller (another branch's, NOT_FOUND).
import { ApiError } from '../../services/api'

/** Such a refusal stays on the page as it is: an empty state with the server's message and no 重试. */
export const finalRefusal = (err: unknown) =>
  err instanceof ApiError && (err.code === 'PERMISSION_DENIED' || err.code === 'NOT_FOUND')
    ? { status: 'empty' as const, message: err.message }
    : undefined
