// The queue of expressions still to validate (validate.ts): the IR validators call queueExpr where the
// schema refers to an expression, instead of descending into it.
export const queue: { data: unknown; path: string }[] = [];
let prefix = ''; // the instance path of the expression being validated

export function queueExpr(data: unknown, instancePath: string): true {
  queue.push({ data, path: prefix + instancePath });
  return true;
}

export function setPrefix(p: string) {
  prefix = p;
}
