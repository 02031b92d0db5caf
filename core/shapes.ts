/**
 * One object of each shape validation makes by the thousand, kept alive between validations.
 *
 * V8 compiles code for the hidden classes ("maps") of the objects it has seen, holds those maps weakly, and throws
 * the code away ("weak objects" in `--trace-deopt`) when one dies — at a full garbage collection after the last
 * object of that shape is gone. An object whose fields change kind after it is made (`undefined`, then an object)
 * moves to a map no object literal holds, so each validation's row loops, run after a full collection, started
 * unoptimised again. Keeping the latest object of each such shape keeps its map, and the code, alive (measured with
 * `--trace-deopt`; the bench's validation runs after a full collection each time).
 */
const KEPT = new Map<string, object>();

/** Keeps `sample` (replacing the one kept under `kind` before); only small objects belong here. */
export function keepShape(kind: string, sample: object | undefined): void {
  if (sample !== undefined) KEPT.set(kind, sample);
}
