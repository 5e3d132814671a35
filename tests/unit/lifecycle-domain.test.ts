// The lifecycle's plain rules: when each community report ended (moving home), and a resident's joining.
import { reportEnds } from '../../cloudfunctions/community/src/domain'
import { type LifecycleMember, historyOf } from '../../cloudfunctions/member/src/transfer'

const at = (day: number) => new Date(`2026-0${day}-01T00:00:00Z`)
const report = (day: number, communityId: string) => ({ reportedAt: at(day), communityId })

describe('reportEnds', () => {
  test('a report ends when the member next reports to another community, renewals in between or not', () => {
    expect(
      reportEnds([report(1, 'a'), report(2, 'a'), report(3, 'b'), report(4, 'b'), report(5, 'a')]),
    ).toEqual([at(3), at(3), at(5), at(5), null])
  })

  test('reports that never moved hold, and no history has no ends', () => {
    expect(reportEnds([report(1, 'a'), report(7, 'a')])).toEqual([null, null])
    expect(reportEnds([])).toEqual([])
  })
})

describe('a resident who joined', () => {
  const member: LifecycleMember = {
    _id: 'm1',
    openid: 'o1',
    name: '张三',
    phone: '13900000000',
    status: 'active',
    roles: [],
    branchId: 'b1',
    communityId: 'c1',
    createdAt: at(2),
    updatedAt: at(2),
    approvedAt: at(3),
  }
  const resident = { since: at(1), communityName: '新华路' }

  test('joining notes where they were a resident, and since when', () => {
    expect(historyOf(member, '支部1', [], '书记1', resident)).toEqual([
      {
        kind: 'joined',
        at: at(3).toISOString(),
        branchName: '支部1',
        by: '书记1',
        resident: { communityName: '新华路', since: at(1).toISOString() },
      },
    ])
  })

  test('while their registration is pending there is no history yet', () => {
    expect(historyOf({ ...member, status: 'pending' }, '支部1', [], '', resident)).toEqual([])
  })
})
