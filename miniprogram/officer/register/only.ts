// What the register's pages (组织名册, 两新组织, 覆盖情况) say to whoever they are not for.
export const REGISTER_ONLY =
  '这里是区委组织部和街道社区综合党委维护组织名册（社区、支部和两新组织）和查看党组织覆盖情况的页面。'
