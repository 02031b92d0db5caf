import { describe, expect, it } from "vitest";
import { findChromium } from "./globalSetup.js";

describe("finding a Chromium for the browser tests", () => {
  it("takes CHROMIUM_PATH when it exists, and nothing else when it does not", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toBeUndefined();
  });
  it("finds the one the browser tests run with", () => {
    expect(findChromium({})).toBe(process.env.CHROMIUM_PATH);
  });
});
