// The part of json-logic-js (2.x, plain JavaScript) the differential tests use.
declare module 'json-logic-js' {
  const jsonLogic: {
    apply(logic: unknown, data?: unknown): any;
    add_operation(name: string, code: (...args: any[]) => unknown): void;
    rm_operation(name: string): void;
    is_logic(logic: unknown): boolean;
  };
  export default jsonLogic;
}
