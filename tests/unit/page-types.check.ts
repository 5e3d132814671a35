// Type-level checks (typecheck runs them; jest does not): setData takes only declared data, and a page's data
// type is exactly its own data plus its behaviours'. Each @ts-expect-error line must stay an error.
import { type ElderData, elder } from '../../miniprogram/behaviors/elder'
import { type LoadData, loaded, shown } from '../../miniprogram/behaviors/load'
import { defineBehavior, defineComponent, definePage } from '../../miniprogram/utils/define'
import { loadInto, runAction, setRow } from '../../miniprogram/utils/page'

type Data = ElderData & LoadData & { items: { id: string }[]; n: number }

definePage<Data>()({
  behaviors: [loaded, shown],
  data: { items: [], n: 0 },
  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        async () => [{ id: 'a' }],
        (items) => ({ items }),
      )
    },
    edit(): void {
      this.setData({ n: 1, pageStyle: '' })
      setRow(this, 'items', 0, { id: 'b' })
      // @ts-expect-error a key the page does not declare
      this.setData({ notDeclared: 1 })
      // @ts-expect-error a declared key with another type
      this.setData({ n: '1' })
      // @ts-expect-error a row of another shape
      setRow(this, 'items', 0, { name: 'b' })
      // @ts-expect-error a row of a field that is not a list
      setRow(this, 'n', 0, 1)
      // @ts-expect-error a busy flag must be a boolean or string field
      void runAction(this, { busyKey: 'items', work: async () => 1 })
      this.onRetry()
    },
  },
})

definePage<Data>()({
  behaviors: [loaded, shown],
  data: { items: [], n: 0 },
  methods: {
    // @ts-expect-error the behaviours need load() (TypeScript reports it at the first method)
    edit() {},
  },
})

definePage<Data>()({
  behaviors: [loaded, shown],
  // @ts-expect-error own data must hold every declared field the behaviours do not bring
  data: { items: [] },
  methods: { async load(): Promise<void> {} },
})

definePage<Data>()({
  behaviors: [loaded, shown],
  // @ts-expect-error own data must not hold what Data does not declare
  data: { items: [], n: 0, extra: true },
  methods: { async load(): Promise<void> {} },
})

// A page may start from another of its behaviours' values, and declare a field wider than they write.
definePage<Data>()({
  behaviors: [loaded],
  data: { status: 'ready', items: [], n: 0 },
  methods: { async load(): Promise<void> {} },
})
definePage<ElderData & { status: LoadData['status'] | 'denied'; message: string }>()({
  behaviors: [loaded],
  data: {},
  methods: { async load(): Promise<void> {} },
})

definePage<ElderData & { status: 'ready' | 'error'; message: string }>()({
  behaviors: [loaded],
  // @ts-expect-error a field narrower than what the behaviours write
  data: {},
  methods: { async load(): Promise<void> {} },
})

// @ts-expect-error Data must declare what its behaviours bring (pageStyle)
definePage<{ n: number }>()({ behaviors: [elder], data: { n: 0 }, methods: {} })

defineBehavior<{ open: boolean }>()({
  data: { open: false },
  methods: {
    toggle() {
      this.setData({ open: !this.data.open })
      // @ts-expect-error a behaviour sets only its own data
      this.setData({ closed: true })
    },
  },
})

defineComponent<{ shown: boolean }>()({
  properties: { max: { type: Number, value: 9 } },
  data: { shown: false },
  methods: {
    show() {
      this.setData({ shown: this.properties.max > 0 })
      // @ts-expect-error properties are the page's to set, not the component's
      this.setData({ max: 1 })
    },
  },
})
