import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".jest-cache/**",
      "data/**",
      "coverage/**",
      "ui/vendor/**",
      "ui/dist/**",
    ],
  },
  { ignores: ["reports/**", ".stryker-tmp/**"] }, // mutation testing (npm run test:mutation)
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='cheerio'] > ImportDefaultSpecifier",
          message: 'cheerio has no default export at runtime: use `import * as cheerio from "cheerio"`.',
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through config/ only." },
      ],
    },
  },
  { files: ["config/**/*.ts"], rules: { "no-restricted-properties": "off" } },
  { files: ["**/*.js", "**/*.mjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
);
