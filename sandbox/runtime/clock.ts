/**
 * The sandbox machine's wall clock. A sandbox built for a given "today" (tests pin 2026-06-15) sets
 * the whole process's clock to it, as if the machine's date were set: the app's clock reads, the
 * emulators and the demo data all agree, and time still passes (timeouts and deadlines keep working
 * because the shift is constant). Without a pinned day the offset is zero and this is the real clock.
 */
const RealDate = globalThis.Date;
let offsetMs = 0;
const shiftedNow = () => RealDate.now() + offsetMs;

// A proxy rather than a subclass: `instanceof Date`, `Date.UTC`/`parse` and `Date()` called as a
// function all behave as before, including for dates made by libraries holding the original.
const SandboxDate: DateConstructor = new Proxy(RealDate, {
  construct: (target, args: unknown[], newTarget) =>
    Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget),
  apply: () => new RealDate(shiftedNow()).toString(),
  get: (target, property, receiver) =>
    property === 'now' ? shiftedNow : Reflect.get(target, property, receiver),
});

/** Makes "now" read `at` from this moment on; later reads advance with real time. */
export function setSandboxClock(at: Date): void {
  offsetMs = at.getTime() - RealDate.now();
  globalThis.Date = SandboxDate;
}

/** How far the sandbox clock runs from the machine's, in milliseconds: the browser host shifts by it too. */
export const sandboxClockOffsetMs = (): number => offsetMs;
