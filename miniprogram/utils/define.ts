// Typed constructors for pages, components and behaviours. api-typings' setData takes any key
// (`Partial<D> & IAnyObject`); here `this.setData` takes only the declared data, and a page's data type must
// be exactly its own data plus what its behaviours bring. Pages are built with Component(), WeChat's page
// constructor that takes behaviours; page lifecycles (onLoad, onShow …) are methods, as WeChat documents.

/** A path into a list, `items[3]`: one row of a declared list. */
type RowPaths<D> = { [K in ListKey<D> as `${K}[${number}]`]?: RowOf<D, K> }

/** What setData accepts: declared keys with their types, or one row of a declared list. */
export type Patch<D> = Partial<D> & RowPaths<D>

/** The keys of `D` that hold lists, and the rows they hold. */
export type ListKey<D> = {
  [K in keyof D]: D[K] extends readonly unknown[] ? K : never
}[keyof D] &
  string
export type RowOf<D, K extends keyof D> = D[K] extends readonly (infer V)[] ? V : never

/** A tap on an element that names its item with `data-id`. */
export type IdTap = WechatMiniprogram.TouchEvent<object, object, { id: string }>

/** `this` inside a page, component or behaviour: its data, a setData bound to it, and its methods. */
export type Self<D, M> = {
  readonly data: D
  setData(patch: Patch<D>, callback?: () => void): void
} & M

declare const signature: unique symbol
/**
 * A registered behaviour (at run time WeChat's behaviour id): the data and methods it adds to a page, and the
 * methods it needs the page to have (`R`).
 */
export type Trait<D, M, R> = string & {
  readonly [signature]?: { data: D; methods: M; requires: R }
}
type AnyTrait = Trait<object, object, object>

type Merge<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never
type Part<B extends readonly AnyTrait[], F extends 'data' | 'methods' | 'requires'> = Merge<
  NonNullable<B[number][typeof signature]>[F]
>
/** The data a list of behaviours adds. */
export type TraitData<B extends readonly AnyTrait[]> = [] extends B ? unknown : Part<B, 'data'>
type TraitMethods<B extends readonly AnyTrait[]> = [] extends B ? unknown : Part<B, 'methods'>
type TraitNeeds<B extends readonly AnyTrait[]> = [] extends B ? unknown : Part<B, 'requires'>
/** What the behaviours need that none of them has (a behaviour may give another its `load()`). */
type Unmet<B extends readonly AnyTrait[]> = Omit<TraitNeeds<B>, keyof TraitMethods<B>>

/** Component lifetimes; `this` is the options' ThisType. */
type Lifetimes = { attached?(): void; detached?(): void }

/**
 * A behaviour adding data `D` and its methods to pages that have the methods `R`:
 * `defineBehavior<{ reviewing: boolean }, { load(): Promise<void> }>()({ data, methods })`.
 */
export function defineBehavior<D extends object, R extends object = object>() {
  return <M extends object, const B extends readonly AnyTrait[] = []>(
    options: {
      behaviors?: B
      data: Omit<D, keyof TraitData<B>>
      lifetimes?: Lifetimes
      methods: M
    } & ThisType<Self<D, R & M & TraitMethods<B>>>,
  ): Trait<D & TraitData<B>, M & TraitMethods<B>, R & TraitNeeds<B>> =>
    Behavior(options as WechatMiniprogram.Behavior.TrivialOption) as never
}

/**
 * The page's own data: `D` without what its behaviours bring, whose initial values it may override. `D` must
 * declare every field the behaviours bring, with a type that holds what they write.
 */
type OwnData<D, B extends readonly AnyTrait[]> = [keyof TraitData<B>] extends [keyof D]
  ? TraitData<B> extends Pick<D, keyof TraitData<B> & keyof D>
    ? Omit<D, keyof TraitData<B>> & Partial<Pick<D, keyof TraitData<B> & keyof D>>
    : never
  : never

/**
 * A page whose data is `D` (own data plus its behaviours'): `definePage<Data>()({ behaviors, data, methods })`.
 * Its methods must include what its behaviours need and do not bring themselves.
 */
export function definePage<D extends object>() {
  return <M extends object, const B extends readonly AnyTrait[] = []>(
    options: {
      behaviors?: B
      data: OwnData<D, B>
      /** WeChat's data observers: `{ 'title, uploading'() { … } }` runs after setData touches either. */
      observers?: Record<string, (...values: never[]) => void>
      methods: M & NoInfer<Partial<WechatMiniprogram.Page.ILifetime> & Unmet<B>>
    } & ThisType<Self<D, M & TraitMethods<B>>>,
  ): void => {
    Component(options as WechatMiniprogram.Component.TrivialOption)
  }
}

/**
 * A component with data `D`, its properties (WeChat's declarations) and instance fields `X` (set at run time,
 * not rendered): `defineComponent<Data, { unwatch: () => void }>()({ properties, data, methods })`.
 * `this.data` holds data and properties; setData takes the data only.
 */
export function defineComponent<D extends object, X extends object = object>() {
  return <
    M extends object,
    P extends WechatMiniprogram.Component.PropertyOption = Record<never, never>,
  >(
    options: {
      options?: WechatMiniprogram.Component.ComponentOptions
      properties?: P
      data: D
      observers?: Record<string, (...values: never[]) => void>
      lifetimes?: Lifetimes
      methods: M
    } & ThisType<ComponentSelf<D, P, M, X>>,
  ): void => {
    Component(options as WechatMiniprogram.Component.TrivialOption)
  }
}

type Props<P extends WechatMiniprogram.Component.PropertyOption> =
  WechatMiniprogram.Component.PropertyOptionToData<P>

type ComponentSelf<D, P extends WechatMiniprogram.Component.PropertyOption, M, X> = {
  readonly data: D & Props<P>
  readonly properties: Props<P>
  setData(patch: Patch<D>, callback?: () => void): void
  triggerEvent<T>(name: string, detail?: T): void
} & M &
  Partial<X>
