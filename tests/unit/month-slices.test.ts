// How a month's work is cut into slices (stats/month-work.ts planSlices): never across communities, bounded
// by active members and by branches, a branch never split.
import { planSlices } from '../../cloudfunctions/stats/src/month-work'

const branch = (id: string, communityId: string | null) => ({ _id: id, communityId })

test('a community is cut into pages of branches by active members; communities never share a slice; a slice holding all of a community is whole', () => {
  const branches = [
    branch('a1', 'A'),
    branch('b1', 'B'),
    branch('a2', 'A'),
    branch('a3', 'A'),
    branch('x', null),
  ]
  const active = new Map([
    ['a1', 40],
    ['a2', 30],
    ['a3', 50],
    ['b1', 10],
    ['x', 5],
  ])
  expect(planSlices(branches, active, { members: 80, branches: 10 })).toEqual([
    { communityId: 'A', branchIds: ['a1', 'a2'], members: 70, whole: false },
    { communityId: 'B', branchIds: ['b1'], members: 10, whole: true },
    { communityId: 'A', branchIds: ['a3'], members: 50, whole: false },
    { communityId: null, branchIds: ['x'], members: 5, whole: false },
  ])
})

test('a branch bigger than a slice is a slice of its own; empty branches fill up to the branch limit', () => {
  const branches = ['big', 'e1', 'e2', 'e3'].map((id) => branch(id, 'A'))
  expect(planSlices(branches, new Map([['big', 500]]), { members: 100, branches: 2 })).toEqual([
    { communityId: 'A', branchIds: ['big'], members: 500, whole: false },
    { communityId: 'A', branchIds: ['e1', 'e2'], members: 0, whole: false },
    { communityId: 'A', branchIds: ['e3'], members: 0, whole: false },
  ])
})
