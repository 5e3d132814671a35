// The transfers and the member the authorisation matrix aims member's transfer and leaving actions at: each
// of its own member (one transfer in flight per member), all from branch-1 to branch-2 of the same community
// (whose secretary is no caller), and one from branch-2 into branch-1, released.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { OWNERS } from './authz-fixtures'

type Ok = <T>(
  openid: string,
  fn: string,
  action: string,
  payload: Record<string, unknown>,
) => Promise<T>

const LETTER = { reason: '工作单位变动', standing: 'full', duesPaidUntil: '2026-02' }

export async function transferFixtures(ok: Ok) {
  const request = async (openid: string, toBranchId: string) =>
    (
      await ok<{ transfer: { id: string } }>(openid, 'member', 'requestTransfer', {
        toBranchId,
        ...LETTER,
      })
    ).transfer.id
  const [toWithdraw, toRelease, toRefuse, toAccept] = await Promise.all([
    request(OWNERS.mover, 'branch-2'),
    request('demo-member-6', 'branch-2'),
    request('demo-member-7', 'branch-2'),
    request('demo-member-31', 'branch-1'),
  ])
  await ok('demo-secretary-2', 'member', 'releaseTransfer', { transferId: toAccept })
  return { toWithdraw, toRelease, toRefuse, toAccept, leaving: memberIdOf('demo-member-8') }
}
