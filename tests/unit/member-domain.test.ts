import {
  appointerRoleFor,
  directoryOrder,
  maskPhone,
  mayRegisterOver,
} from '../../cloudfunctions/member/src/domain'

describe('member rules', () => {
  test('a phone is masked to its first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('123')).toBe('****')
  })

  test('a registration may replace only a rejected or departed record', () => {
    expect(mayRegisterOver(null)).toBe(true)
    expect(mayRegisterOver('rejected')).toBe(true)
    expect(mayRegisterOver('left')).toBe(true)
    expect(mayRegisterOver('pending')).toBe(false)
    expect(mayRegisterOver('active')).toBe(false)
  })

  test('secretaries appoint 信息员; everything else is the district admin’s', () => {
    expect(appointerRoleFor('infoOfficer')).toBe('secretary')
    expect(appointerRoleFor('secretary')).toBe('districtAdmin')
    expect(appointerRoleFor('communityAdmin')).toBe('districtAdmin')
  })

  test('the directory lists pending members first, then by name', () => {
    const list = [
      { status: 'active' as const, name: '王伟' },
      { status: 'pending' as const, name: '张敏' },
      { status: 'active' as const, name: '陈静' },
    ]
    expect(list.sort(directoryOrder).map((m) => m.name)).toEqual(['张敏', '陈静', '王伟'])
  })
})
