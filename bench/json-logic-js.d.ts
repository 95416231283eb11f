/** Minimal types for json-logic-js 2.0.5 (the package ships none): what the benchmark uses. */
declare module 'json-logic-js' {
  export type RulesLogic = boolean | number | string | null | RulesLogic[] | { [operator: string]: RulesLogic | RulesLogic[] };
  interface JsonLogic {
    apply(logic: RulesLogic, data?: unknown): unknown;
    add_operation(name: string, code: (...args: never[]) => unknown): void;
    rm_operation(name: string): void;
    is_logic(logic: unknown): boolean;
    truthy(value: unknown): boolean;
  }
  const jsonLogic: JsonLogic;
  export default jsonLogic;
}
