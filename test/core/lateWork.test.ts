import { expect, it } from "vitest";
import { LATE_EXAMPLES, lateExplanation } from "../../core/lateWork.js";
it.each(LATE_EXAMPLES)("%s", (t, e) => expect(lateExplanation([t], 2022)).toEqual(e));
