// Lint as Office add-in templates do: typescript-eslint's recommended rules, and eslint-plugin-office-addins'
// Office.js rules (load before read, sync after load, isNullObject, no sync in loops) on the add-in's code.
// Formatting is not linted (no prettier rule): the code keeps its own line lengths.
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const OFFICE_RULES = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.at(-1).rules).filter(([rule]) => rule.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".artifacts/**", ".prof/**", "data/**", "bin/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // the code's own globals (Office, Excel, window, process) are typed by TypeScript, which checks them
      "no-undef": "off",
    },
  },
  {
    files: ["addin/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: OFFICE_RULES,
  },
  {
    // ES5 on purpose (Internet Explorer 11): `var` is the point
    files: ["addin/ribbon.ts"],
    rules: { "no-var": "off" },
  },
);
