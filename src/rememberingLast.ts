/**
 * A pure function of one value, remembering its last answer: on a hot path the same input tends
 * to come again and again (a client's credential scope, the clock's millisecond). What it returns
 * is shared between callers, so it must not be changed (freeze what can be).
 */
export function rememberingLast<K, T>(compute: (input: K) => T): (input: K) => T {
  let known = false;
  let lastInput: K;
  let lastValue: T;
  return (input) => {
    if (!known || input !== lastInput) {
      lastValue = compute(input);
      lastInput = input;
      known = true;
    }
    return lastValue;
  };
}
