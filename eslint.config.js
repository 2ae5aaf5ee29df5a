// ESLint flat config: typescript-eslint's type-aware recommended rules for src/ and the tests;
// formatting is Prettier's job (eslint-config-prettier turns off the rules that would clash).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['__tests__/**'],
    languageOptions: { globals: { ...globals.jest } },
    // The fake servers record whatever JSON a request carried, and tests read into it freely.
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  prettier
)
