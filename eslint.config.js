// ESLint flat config: typescript-eslint's type-aware recommended rules (recommendedTypeChecked, which
// reads the types through tsconfig.json's project service) for src/, the tests and the scripts;
// formatting is Prettier's job (eslint-config-prettier turns off the rules that would clash).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'docs/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The JavaScript config and script files outside tsconfig's `include` get a default project.
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'script/*.mjs', 'script/bench/*.mjs', '__tests__/support/*.mjs'],
          // Ten such files (the configs, the licence script, the bench probes); each costs one small program.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16
        },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      // `_` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  { files: ['__tests__/**'], languageOptions: { globals: { ...globals.jest } } },
  {
    files: ['__tests__/**', 'script/**'],
    // The fake servers record whatever JSON a request carried, and tests and benchmarks read into it
    // freely: `any` there is on purpose, so the rules about using an `any` are off there (not in src/).
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes and stubs implement async interfaces (sleep, send, getInput) with bodies that need no await.
      '@typescript-eslint/require-await': 'off',
      // It calls the `as Reply` casts in it.each tables unnecessary, yet tsc needs them there.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off'
    }
  },
  prettier
)
