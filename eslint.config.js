import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readdirSync } from 'node:fs';

const RENDERER = 'src/renderer/src';
/** The renderer's feature folders, each a zone the others may not import. */
const FEATURES = readdirSync(`${import.meta.dirname}/${RENDERER}/features`);

export default tseslint.config(
  { ignores: ['.tmp/**', '.scratch*/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='rejectUnauthorized'][value.value=false]", message: 'Certificates are always verified.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '**/main/**'] }],
    },
  },
  {
    // The renderer's shape: no import cycle (type-only imports are not followed by this rule);
    // features meet only in App.tsx and pages/; shared parts never reach up into them.
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.web.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...FEATURES.map((feature) => ({
              target: `${RENDERER}/features/${feature}`,
              from: `${RENDERER}/features`,
              except: [`./${feature}`],
              message: 'Features do not import each other: compose them in App.tsx or pages/, or reach another slice through DeskPorts.',
            })),
            { target: `${RENDERER}/features`, from: [`${RENDERER}/pages`, `${RENDERER}/App.tsx`], message: 'Pages compose features, not the reverse.' },
            { target: `${RENDERER}/features/*/*-slice.ts`, from: [`${RENDERER}/store`, `${RENDERER}/components`], message: 'A slice sees the store only through DeskPorts.' },
            {
              target: [`${RENDERER}/components`, `${RENDERER}/slice-kit`, `${RENDERER}/i18n`, `${RENDERER}/format.ts`],
              from: [`${RENDERER}/features`, `${RENDERER}/pages`, `${RENDERER}/App.tsx`],
              message: 'Shared parts do not depend on features or pages.',
            },
            { target: `${RENDERER}/slice-kit`, from: [`${RENDERER}/store`, `${RENDERER}/components`], message: 'The slice kit depends on nothing of the renderer.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'window', property: 'guichet', message: 'Every remote call goes through a slice action (the store is handed the bridge).' }],
    },
  },
  {
    // A domain of main imports another domain's service, never its handlers (they only adapt channels).
    files: ['src/main/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+([^/]+/)*[^/]+-handlers$',
              message: "Another domain's *-handlers.ts only adapts channels: import its service (<domain>-service.ts) instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '**/main/**', '**/renderer/**'] }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
