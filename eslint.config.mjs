// Next's rules (React, hooks, a11y, core web vitals, TypeScript) plus security-minded ones.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import security from "eslint-plugin-security";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  security.configs.recommended,
  {
    rules: {
      // Flags every obj[key]; our keys come from typed unions and zod-parsed input, so it is
      // noise that would train people to ignore the plugin. The other security rules stay.
      "security/detect-object-injection": "off",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='$queryRawUnsafe']", message: "Use $queryRaw with tagged parameters." },
        { selector: "CallExpression[callee.property.name='$executeRawUnsafe']", message: "Use $executeRaw with tagged parameters." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app and the library never reach into the emulators: only configuration does.
    // (Their tests may: they start emulators and compare against the world's truth.)
    files: ["app/**", "lib/**", "components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/emulators/**", "@/emulators/**"], message: "Reach emulators through configured base URLs only." }] }],
    },
  },
  {
    // Tooling that legitimately reads paths it computes.
    files: ["scripts/**", "lib/database/**", "e2e/**", "bench/**", "emulators/**", "**/*.test.ts", "vitest.config.ts", "playwright.config.ts"],
    rules: { "security/detect-non-literal-fs-filename": "off" },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", "scratch/**", ".rampart/**", ".emulators/**", "test-results/**", "playwright-report/**"]),
]);
